package dev.podcastsearch.index;

import java.util.List;

/** An episode a query found, with where it matched: its title first, then its description, each where it did. */
public record IndexHit(Episode episode, List<Highlight> highlights) {
}
