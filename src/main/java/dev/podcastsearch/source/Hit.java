package dev.podcastsearch.source;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One search hit in the unified form every source is turned into. {@code published} is when the episode came out, as
 * an ISO-8601 date-time in UTC ({@code 2024-03-08T12:00:00Z}), or null where the source does not say (the search APIs
 * never do).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Hit(String source, long id, String category, String title, String url, String description,
        String published) {
}
