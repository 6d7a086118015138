package dev.podcastsearch.source;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A search API's JSON answer. The two podcasts disagree on two names, and this is the one place that knows:
 * Talk Python lists its hits under {@code results} and identifies them by {@code id}; Python Bytes uses
 * {@code episodes} and {@code item_id}. Unknown fields such as {@code elapsed_ms} are ignored.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record SearchApiReply(List<String> keywords, List<Item> results, List<Item> episodes) {

    /** The hits, from whichever list field this API uses. */
    List<Item> hits() {
        return results != null ? results : episodes;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Item(Long id, Long itemId, String category, String url, String title, String description) {

        Long anyId() {
            return id != null ? id : itemId;
        }
    }
}
