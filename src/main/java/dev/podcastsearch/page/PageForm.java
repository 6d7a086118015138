package dev.podcastsearch.page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.podcastsearch.search.QueryParameters;

/**
 * The form as the person filled it in, to show again as typed, even when a rule refuses it: the first value of q, of
 * category and of each filter (decoded where that is possible). {@code submitted} is whether there was a q at all:
 * {@code /} alone is the empty page, not an error. A filter left empty, or at its default, is not given: a form
 * sends every field, filled or not.
 */
record PageForm(String query, String category, Map<String, String> filters, boolean submitted) {

    static final List<String> CATEGORIES = List.of("episode", "transcript", "chapter", "all");
    /** The API's filters the form offers, in the order of its fields. */
    static final List<String> FILTERS = List.of("published_after", "published_before", "max_duration", "sources", "sort");

    static PageForm of(QueryParameters parameters) {
        List<String> q = parameters.valuesAsSent("q");
        List<String> category = parameters.valuesAsSent("category");
        Map<String, String> filters = new LinkedHashMap<>();
        for (String filter : FILTERS) {
            parameters.valuesAsSent(filter).stream().filter(value -> !value.isEmpty() && !isDefault(filter, value)).findFirst()
                    .ifPresent(value -> filters.put(filter, value));
        }
        return new PageForm(q.isEmpty() ? "" : q.get(0), category.isEmpty() ? "episode" : category.get(0),
                Map.copyOf(filters), !q.isEmpty());
    }

    /** The order the form starts with is no filter: it neither opens the filters nor lengthens the links. */
    private static boolean isDefault(String filter, String value) {
        return filter.equals("sort") && value.equals("relevance");
    }

    /** The value of a filter as typed, empty when it was not given: what its field shows. */
    public String filter(String name) {
        return filters.getOrDefault(name, "");
    }

    /** Whether any filter was given: then the page opens the filters' fieldset. */
    public boolean filtered() {
        return !filters.isEmpty();
    }

    /**
     * This search's query string with the given query and category, its filters and {@code offset} (left out at 0):
     * for the links to other pages of it and to its feed. Percent-encoded here; HTML escaping is left to Qute.
     */
    String queryString(String q, String category, int offset) {
        StringBuilder query = new StringBuilder("q=").append(encode(q)).append("&category=").append(encode(category));
        for (String filter : FILTERS) {
            if (filters.containsKey(filter)) {
                query.append('&').append(filter).append('=').append(encode(filters.get(filter)));
            }
        }
        return offset == 0 ? query.toString() : query.append("&offset=").append(offset).toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
