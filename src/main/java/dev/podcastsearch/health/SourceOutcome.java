package dev.podcastsearch.health;

import java.time.Duration;
import java.util.Optional;

import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.SourceResult;

/**
 * What became of one source in one search: its status, the reason when it is not {@code ok}, how long its call ran,
 * and, when it answered, its unified result. {@code retryAfter} is set for a suspended source: how long until it may
 * be called again.
 */
public record SourceOutcome(PodcastSource source, SourceStatus status, String reason, long elapsedMs,
        SourceResult result, Duration retryAfter) {

    /** The reason of a source suspended because too many of its recent calls failed. */
    public static final String SUSPENDED_AFTER_FAILURES = "suspended after repeated failures";
    /** The reason of a source suspended because it answered with a Retry-After. */
    public static final String SUSPENDED_AS_ASKED = "suspended for as long as its Retry-After asked";

    public boolean answered() {
        return status == SourceStatus.OK;
    }

    public boolean skipped() {
        return status == SourceStatus.SKIPPED;
    }

    public Optional<SourceResult> answer() {
        return Optional.ofNullable(result);
    }
}
