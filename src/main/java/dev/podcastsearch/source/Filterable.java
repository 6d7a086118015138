package dev.podcastsearch.source;

/**
 * What a search can filter hits by, each a field a hit has: {@code published} and {@code duration_s}. A source whose
 * hits never say one (the search APIs say neither) cannot apply a filter on it, and is not asked by a search with one.
 */
public enum Filterable {
    PUBLISHED,
    DURATION
}
