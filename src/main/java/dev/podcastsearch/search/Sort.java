package dev.podcastsearch.search;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.podcastsearch.source.Hit;

/** The order of the merged hits: by fused relevance, or newest first. */
public enum Sort {
    RELEVANCE,
    NEWEST;

    static final String ALLOWED = "relevance or newest";

    private static final Comparator<Hit> NEWEST_FIRST = Comparator.comparing(
            (Hit hit) -> hit.published() == null ? null : Instant.parse(hit.published()),
            Comparator.nullsLast(Comparator.reverseOrder()));

    /** The order spelled in ASCII letters of any case, as a category is. */
    static Optional<Sort> parse(String value) {
        return Arrays.stream(values()).filter(sort -> SearchRequest.spells(value, sort.name())).findFirst();
    }

    /**
     * The hits in this order, given in relevance order. Newest first puts undated hits last; the sort is stable, so
     * hits published at the same moment, and the undated ones, keep their relevance order.
     */
    List<Hit> order(List<Hit> byRelevance) {
        if (this == RELEVANCE) {
            return byRelevance;
        }
        List<Hit> sorted = new ArrayList<>(byRelevance);
        sorted.sort(NEWEST_FIRST);
        return sorted;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
