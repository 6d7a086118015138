package dev.podcastsearch.page;

import java.util.List;

import dev.podcastsearch.search.QueryParameters;

/**
 * The form as the person filled it in, to show again as typed, even when a rule refuses it: the first value of q and
 * of category (decoded where that is possible). {@code submitted} is whether there was a q at all: {@code /} alone
 * is the empty page, not an error.
 */
record PageForm(String query, String category, boolean submitted) {

    static final List<String> CATEGORIES = List.of("episode", "transcript", "chapter", "all");

    static PageForm of(QueryParameters parameters) {
        List<String> q = parameters.valuesAsSent("q");
        List<String> category = parameters.valuesAsSent("category");
        return new PageForm(q.isEmpty() ? "" : q.get(0), category.isEmpty() ? "episode" : category.get(0), !q.isEmpty());
    }
}
