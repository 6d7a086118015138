package dev.podcastsearch.source;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.podcastsearch.index.Highlight;

/**
 * One search hit in the unified form every source is turned into. {@code published} is when the episode came out, as
 * an ISO-8601 date-time in UTC ({@code 2024-03-08T12:00:00Z}), or null where the source does not say (the search APIs
 * never do). {@code highlights} says where the query matched, for sources searched by the function's own index
 * (feeds); it is absent where the source does not say (the search APIs).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Hit", description = "One hit, unified", additionalProperties = Schema.False.class)
public record Hit(
        @Schema(required = true, description = "The source's id") String source,
        @Schema(required = true, description = "The episode's id at its source") long id,
        @Schema(required = true, description = "Lower case, e.g. episode or transcript") String category,
        @Schema(required = true, nullable = true) String title,
        @Schema(required = true, nullable = true, format = "uri", description = "An absolute http(s) URL, or null")
        String url,
        @Schema(required = true, nullable = true) String description,
        @Schema(required = true, nullable = true, format = "date-time", description = "UTC, or null when unknown")
        String published,
        @Schema(description = "Where the query matched, title first; absent where the source does not say")
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Highlight> highlights) {

    /** A hit from a source that does not say where the query matched. */
    public Hit(String source, long id, String category, String title, String url, String description,
            String published) {
        this(source, id, category, title, url, description, published, null);
    }
}
