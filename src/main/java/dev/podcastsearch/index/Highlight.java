package dev.podcastsearch.index;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where a query matched in one field of a hit, as plain text with ranges, never markup: {@code marks} are
 * {@code [start, end)} pairs of offsets into {@code text} in UTF-16 code units (as Java and JavaScript count), in
 * order and not overlapping. Whoever shows it decides how to mark them, and escapes the text.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Highlight", description = "Where the query matched in one field, as plain text with ranges",
        additionalProperties = Schema.False.class)
public record Highlight(
        @Schema(required = true, enumeration = { "title", "description" }) String field,
        @Schema(required = true, description = "The whole title, or the passage of the description that matched")
        String text,
        @Schema(required = true, description = "[start, end) offsets into text in UTF-16 code units, in order, not"
                + " overlapping") List<List<Integer>> marks) {
}
