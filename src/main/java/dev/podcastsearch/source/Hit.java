package dev.podcastsearch.source;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One search hit in the unified form every source is turned into. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Hit(String source, long id, String category, String title, String url, String description) {
}
