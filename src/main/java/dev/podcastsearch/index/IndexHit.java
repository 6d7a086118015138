package dev.podcastsearch.index;

import java.util.List;

/**
 * What a query found, by its episode's id: an episode, with where it matched (its title first, then its description,
 * each where it did); or a moment of an episode ({@code moment} not null), whose {@code highlights} are then empty, as
 * its matches are the moment's own.
 */
public record IndexHit(long episode, List<Highlight> highlights, MomentOnDemand moment) {
}
