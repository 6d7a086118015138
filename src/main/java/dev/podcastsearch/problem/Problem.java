package dev.podcastsearch.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An RFC 9457 problem detail. The standard members come first; the others are set only by the
 * problems they belong to: {@code parameter} for bad input, {@code source} and {@code reason}
 * for a failed source, {@code pendingSources} for a timeout.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Problem(String type, String title, int status, String detail,
        String parameter, String source, String reason, List<String> pendingSources) {

    /** A problem with only the standard members; {@code kind} names its type. */
    static Problem of(String kind, String title, int status, String detail) {
        return new Problem(type(kind), title, status, detail, null, null, null, null);
    }

    static String type(String kind) {
        return "urn:podcast-search:problem:" + kind;
    }
}
