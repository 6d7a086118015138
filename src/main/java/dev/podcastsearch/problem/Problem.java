package dev.podcastsearch.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.podcastsearch.search.SearchReport;
import dev.podcastsearch.search.SearchResponse;

/**
 * An RFC 9457 problem detail. The standard members come first; the others are set only by the
 * problems they belong to: {@code parameter} for bad input, {@code source} and {@code reason}
 * for a failed or suspended source, {@code pendingSources} for a timeout, and {@code sources}, how each source
 * did, for every search that ended without an answer.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Problem", description = "An RFC 9457 problem detail, with the members of this API's problems",
        additionalProperties = Schema.False.class)
public record Problem(
        @Schema(required = true, description = "urn:podcast-search:problem:<kind>") String type,
        @Schema(required = true) String title,
        @Schema(required = true, minimum = "400", maximum = "599") int status,
        @Schema(required = true, description = "What went wrong and what to do, in words") String detail,
        @Schema(description = "400: the query parameter that breaks its rule") String parameter,
        @Schema(description = "502 source-failure and 503: the source's id") String source,
        @Schema(description = "502 source-failure and 503: why, in short words") String reason,
        @Schema(description = "504: the sources still pending at the deadline") List<String> pendingSources,
        @Schema(description = "502, 503, 504: how each source did") List<SearchResponse.SourceSummary> sources)
        implements SearchReport {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A problem with only the standard members; {@code kind} names its type. */
    public static Problem of(String kind, String title, int status, String detail) {
        return new Problem(type(kind), title, status, detail, null, null, null, null, null);
    }

    public static String type(String kind) {
        return "urn:podcast-search:problem:" + kind;
    }
}
