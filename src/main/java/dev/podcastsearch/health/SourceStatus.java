package dev.podcastsearch.health;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** How one source did in one search, as {@code sources[].status} tells callers. */
@Schema(name = "SourceStatus", enumeration = { "ok", "failed", "timed_out", "suspended", "cancelled", "skipped" })
public enum SourceStatus {
    /** It answered, and its hits are in the answer. */
    OK,
    /** It failed: an error status, a broken connection, an answer that could not be read. */
    FAILED,
    /** It was still pending when the group deadline passed, and its call was cancelled. */
    TIMED_OUT,
    /** It was not called: it is suspended after repeated failures, or because it asked to be left alone. */
    SUSPENDED,
    /** Group mode only: another source failed or was suspended, so this one was cancelled or never called. */
    CANCELLED,
    /**
     * It was not asked, by the search's own terms: it is not among the sources chosen, or it cannot apply a filter the
     * search has. It neither answered nor failed, so the answer is complete without it.
     */
    SKIPPED;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
