package dev.podcastsearch.health;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.SourceFailure;
import dev.podcastsearch.source.SourceResult;

/**
 * One source's part in one search, and the one place its duration is measured. It settles once, with the first of:
 * an answer, a failure (of any kind), the deadline, or a cancellation because of another source or the caller; only
 * that first one reaches the source's {@link SourceHealth}, so a call counts once whatever races with it (a retried
 * call counts by its final outcome, since the source reports only that).
 */
public final class SourceCall {

    private static final Logger LOG = Logger.getLogger(SourceCall.class);
    static final String UNEXPECTED = "failed unexpectedly";

    private final SourceHealth health;
    private final PodcastSource source;
    private final long started = System.nanoTime();
    private final AtomicReference<SourceOutcome> outcome = new AtomicReference<>();

    SourceCall(SourceHealth health, PodcastSource source) {
        this.health = health;
        this.source = source;
    }

    static SourceCall suspended(PodcastSource source, String reason, Duration retryAfter) {
        return notCalled(source, SourceStatus.SUSPENDED, reason, retryAfter);
    }

    /**
     * A source this search does not ask, for {@code reason}: settled from the start, without its health, so that it
     * takes no permission from its breaker and tells it nothing.
     */
    public static SourceCall skipped(PodcastSource source, String reason) {
        return notCalled(source, SourceStatus.SKIPPED, reason, null);
    }

    private static SourceCall notCalled(PodcastSource source, SourceStatus status, String reason, Duration retryAfter) {
        SourceCall call = new SourceCall(null, source);
        call.outcome.set(new SourceOutcome(source, status, reason, 0, null, retryAfter));
        return call;
    }

    public PodcastSource source() {
        return source;
    }

    /** False for a source that is suspended or skipped: its outcome is settled already, and it is not to be called. */
    public boolean isCalled() {
        return health != null;
    }

    public boolean isSuspended() {
        return !isCalled() && outcome().status() == SourceStatus.SUSPENDED;
    }

    /** How it ended; null while it is still running. */
    public SourceOutcome outcome() {
        return outcome.get();
    }

    public SourceOutcome answered(SourceResult result) {
        long elapsed = settle(SourceStatus.OK, null, result);
        if (elapsed >= 0) {
            health.succeeded(elapsed);
        }
        return outcome();
    }

    /**
     * The call failed. A failure that is no {@link SourceFailure} is a bug (in a parser, say): it is logged
     * whole, and fails the source like any other, so that the breaker still hears of the call.
     */
    public SourceFailure failed(Throwable failure) {
        SourceFailure known;
        if (failure instanceof SourceFailure sourceFailure) {
            known = sourceFailure;
        } else {
            LOG.errorf(failure, "source %s %s", source.id(), UNEXPECTED);
            known = new SourceFailure(source.id(), UNEXPECTED);
        }
        long elapsed = settle(SourceStatus.FAILED, known.reason(), null);
        if (elapsed >= 0) {
            health.failed(elapsed, known);
        }
        return known;
    }

    /** Still running when the group deadline passed: a failure of this source, which was too slow. */
    public void timedOut(Duration deadline) {
        String reason = "no answer within " + deadline.toMillis() + " ms";
        long elapsed = settle(SourceStatus.TIMED_OUT, reason, null);
        if (elapsed >= 0) {
            health.failed(elapsed, new SourceFailure(source.id(), reason));
        }
    }

    /** Stopped, or never started, because of another source or the caller: neither a success nor a failure. */
    public void cancelled(String reason) {
        if (settle(SourceStatus.CANCELLED, reason, null) >= 0) {
            health.released();
        }
    }

    /** The call's duration in nanoseconds if this settles it; -1 if it was settled already. */
    private long settle(SourceStatus status, String reason, SourceResult result) {
        long elapsed = System.nanoTime() - started;
        SourceOutcome settled = new SourceOutcome(source, status, reason, TimeUnit.NANOSECONDS.toMillis(elapsed), result,
                null);
        return outcome.compareAndSet(null, settled) ? elapsed : -1;
    }
}
