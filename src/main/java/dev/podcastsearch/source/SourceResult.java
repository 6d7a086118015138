package dev.podcastsearch.source;

import java.util.List;

/**
 * What one source answered, already unified: its keywords and hits. {@code stale} is true when a feed could not be
 * fetched and an older copy of it answered instead. How long the call took is the caller's to measure.
 */
public record SourceResult(List<String> keywords, List<Hit> hits, boolean stale) {
}
