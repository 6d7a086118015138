package dev.podcastsearch.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

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
public record Problem(String type, String title, int status, String detail,
        String parameter, String source, String reason, List<String> pendingSources,
        List<SearchResponse.SourceSummary> sources) implements SearchReport {

    /** A problem with only the standard members; {@code kind} names its type. */
    static Problem of(String kind, String title, int status, String detail) {
        return new Problem(type(kind), title, status, detail, null, null, null, null, null);
    }

    static String type(String kind) {
        return "urn:podcast-search:problem:" + kind;
    }
}
