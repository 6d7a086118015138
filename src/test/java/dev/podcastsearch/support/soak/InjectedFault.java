package dev.podcastsearch.support.soak;

import java.util.Arrays;
import java.util.Optional;

/**
 * A fault that {@link SoakUpstreams} injects into one source when the query asks for it:
 * {@code fault-<tag>-<source id>-<n>}, or {@code fault-<tag>-<source id>-p<n>} for a partial search, whose sibling
 * answers at once rather than being held for the function to cancel. Each fails that source whether or not the
 * function retries it once, so the answer a caller gets is the same either way.
 */
public enum InjectedFault {

    /** HTTP 500, which no client retries. */
    SERVER_ERROR("500", 502),
    /** The connection reset as soon as the request arrives, on every try. */
    RESET("reset", 502),
    /** HTTP 200 declared as JSON, with a body that is not JSON. */
    NOT_JSON("notjson", 502),
    /** No answer until the function gives up at its deadline. */
    SLOW("slow", 504);

    private static final String PREFIX = "fault-";

    private final String tag;
    private final int expectedStatus;

    InjectedFault(String tag, int expectedStatus) {
        this.tag = tag;
        this.expectedStatus = expectedStatus;
    }

    /** The status the function must answer: 502 naming the faulty source, or 504 naming it as pending. */
    public int expectedStatus() {
        return expectedStatus;
    }

    /** A query that makes {@code sourceId} fail this way; {@code n} keeps it unique. */
    public String query(String sourceId, int n, boolean partial) {
        return String.format("%s%s-%s-%s%06d", PREFIX, tag, sourceId, partial ? "p" : "", n);
    }

    /** The fault a query asks for, if any, and the source it targets. */
    static Optional<Target> in(String query) {
        if (query == null || !query.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = query.substring(PREFIX.length()).split("-");
        return Arrays.stream(values())
                .filter(fault -> parts.length == 3 && fault.tag.equals(parts[0]))
                .findFirst()
                .map(fault -> new Target(fault, parts[1], parts[2].startsWith("p")));
    }

    /** A fault, the id of the source that suffers it, and whether the search is a partial one. */
    record Target(InjectedFault fault, String sourceId, boolean partial) {
    }
}
