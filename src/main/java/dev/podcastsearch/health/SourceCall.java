package dev.podcastsearch.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.SourceFailure;
import dev.podcastsearch.source.SourceResult;

/**
 * One source's part in one search. It settles once, with the first of: an answer, a failure, the deadline, or a
 * cancellation because of another source; only that first one reaches the source's {@link SourceHealth}, so a
 * call counts once whatever races with it (a retried call counts by its final outcome, since the source reports
 * only that).
 */
public final class SourceCall {

    private final SourceHealth health;
    private final PodcastSource source;
    private final long started = System.nanoTime();
    private final AtomicReference<SourceOutcome> outcome = new AtomicReference<>();

    SourceCall(SourceHealth health, PodcastSource source) {
        this.health = health;
        this.source = source;
    }

    static SourceCall suspended(PodcastSource source, String reason, Duration retryAfter) {
        SourceCall call = new SourceCall(null, source);
        call.outcome.set(new SourceOutcome(source, SourceStatus.SUSPENDED, reason, 0, null, retryAfter));
        return call;
    }

    public PodcastSource source() {
        return source;
    }

    public boolean isSuspended() {
        return health == null;
    }

    /** How it ended; null while it is still running. */
    public SourceOutcome outcome() {
        return outcome.get();
    }

    public SourceOutcome answered(SourceResult result) {
        if (settle(SourceStatus.OK, null, result)) {
            health.succeeded(System.nanoTime() - started);
        }
        return outcome();
    }

    public SourceOutcome failed(SourceFailure failure) {
        if (settle(SourceStatus.FAILED, failure.reason(), null)) {
            health.failed(System.nanoTime() - started, failure);
        }
        return outcome();
    }

    /** Still running when the group deadline passed: a failure of this source, which was too slow. */
    public void timedOut(Duration deadline) {
        String reason = "no answer within " + deadline.toMillis() + " ms";
        if (settle(SourceStatus.TIMED_OUT, reason, null)) {
            health.failed(System.nanoTime() - started, new SourceFailure(source.id(), reason));
        }
    }

    /** Stopped, or never started, because of another source or the caller: neither a success nor a failure. */
    public void cancelled(String reason) {
        if (settle(SourceStatus.CANCELLED, reason, null)) {
            health.released();
        }
    }

    private boolean settle(SourceStatus status, String reason, SourceResult result) {
        long elapsedMs = result != null ? result.elapsedMs() : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        return outcome.compareAndSet(null, new SourceOutcome(source, status, reason, elapsedMs, result, null));
    }
}
