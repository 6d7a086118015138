package dev.podcastsearch.source.api;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A search API's JSON answer, and the one place that knows the APIs' quirks: hits come under {@code results} or
 * {@code episodes}, and an answer may carry both (the other one empty, or null); a hit is identified by {@code id}
 * or {@code item_id}; its {@code url} may be a path on the podcast's site. Unknown fields such as {@code elapsed_ms}
 * are ignored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SearchApiReply(List<String> keywords, List<Item> results, List<Item> episodes) {

    /**
     * The hits of both list fields, {@code results} first; a hit listed in both (same category and id) is kept once.
     * Null when the answer has neither field, which is not an answer of this API at all.
     */
    List<Item> hits() {
        if (results == null && episodes == null) {
            return null;
        }
        List<Item> hits = new ArrayList<>(orEmpty(results));
        Set<String> listed = new HashSet<>();
        hits.forEach(item -> key(item).ifPresent(listed::add));
        for (Item item : orEmpty(episodes)) {
            if (key(item).map(key -> !listed.contains(key)).orElse(true)) {
                hits.add(item);
            }
        }
        return hits;
    }

    private static List<Item> orEmpty(List<Item> items) {
        return items == null ? List.of() : items;
    }

    /** A hit without an id or category has no key: it is kept, and fails the source when it is unified. */
    private static Optional<String> key(Item item) {
        if (item == null || item.anyId() == null || item.category() == null) {
            return Optional.empty();
        }
        return Optional.of(item.category().toLowerCase(Locale.ROOT) + ":" + item.anyId());
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Item(Long id, Long itemId, String category, String url, String title, String description) {

        Long anyId() {
            return id != null ? id : itemId;
        }
    }
}
