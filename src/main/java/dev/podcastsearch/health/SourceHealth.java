package dev.podcastsearch.health;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.SourceFailure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;

/**
 * Whether one source may be called now: a Resilience4j circuit breaker, used only through its permission API. The
 * breaker never wraps the call, so nothing stands between the group's cancellation and the HTTP request; each
 * {@link SourceCall} reports back exactly once: a success, a failure, or neither (released) when it was cancelled
 * because of another source.
 */
final class SourceHealth {

    private static final Logger LOG = Logger.getLogger(SourceHealth.class);
    private static final Duration AT_LEAST = Duration.ofSeconds(1);

    private final String sourceId;
    private final CircuitBreaker breaker;
    private final Duration delay;
    private final Duration maxRetryAfter;
    private volatile Instant suspendedUntil = Instant.EPOCH;
    private volatile String suspendedBecause = SourceOutcome.SUSPENDED_AFTER_FAILURES;

    /** {@code settings} null: suspension is off for this source, and every call is let through. */
    SourceHealth(String sourceId, Settings settings) {
        this.sourceId = sourceId;
        this.delay = settings == null ? Duration.ZERO : settings.delay();
        this.maxRetryAfter = settings == null ? Duration.ZERO : settings.maxRetryAfter();
        this.breaker = settings == null ? null : CircuitBreaker.of(sourceId, CircuitBreakerConfig.custom()
                .slidingWindowType(SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.window())
                .failureRateThreshold((float) (settings.failureRatio() * 100))
                .waitDurationInOpenState(settings.delay())
                .permittedNumberOfCallsInHalfOpenState(1)
                .writableStackTraceEnabled(false)
                .build());
    }

    /** The settings of one source's breaker, already merged with the defaults. */
    record Settings(int window, double failureRatio, Duration delay, Duration maxRetryAfter) {
    }

    /** A call of the source if it may be called now (a trial call if its suspension has just ended), else a suspended one. */
    SourceCall start(PodcastSource source) {
        if (breaker == null || breaker.tryAcquirePermission()) {
            return new SourceCall(this, source);
        }
        Duration left = Duration.between(Instant.now(), suspendedUntil);
        return SourceCall.suspended(source, suspendedBecause, left.compareTo(AT_LEAST) < 0 ? AT_LEAST : left);
    }

    void succeeded(long elapsedNanos) {
        if (breaker == null) {
            return;
        }
        State before = breaker.getState();
        breaker.onSuccess(elapsedNanos, TimeUnit.NANOSECONDS);
        if (before == State.HALF_OPEN && breaker.getState() == State.CLOSED) {
            LOG.infof("source %s answered its trial call: no longer suspended", sourceId);
        }
    }

    void failed(long elapsedNanos, SourceFailure failure) {
        if (breaker == null) {
            return;
        }
        State before = breaker.getState();
        breaker.onError(elapsedNanos, TimeUnit.NANOSECONDS, failure);
        Duration asked = failure.retryAfter().filter(wait -> !wait.isZero()).orElse(null);
        if (asked != null) {
            // As SearXNG suspends an engine that says "too many requests": for as long as it asked, within reason.
            Duration suspension = asked.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked;
            breaker.transitionToOpenStateFor(suspension);
            suspended(suspension, SourceOutcome.SUSPENDED_AS_ASKED);
        } else if (before != State.OPEN && breaker.getState() == State.OPEN) {
            suspended(delay, SourceOutcome.SUSPENDED_AFTER_FAILURES);
        }
    }

    /** The call was cancelled because of another source: it says nothing about this one. */
    void released() {
        if (breaker != null) {
            breaker.releasePermission();
        }
    }

    private void suspended(Duration suspension, String because) {
        suspendedUntil = Instant.now().plus(suspension);
        suspendedBecause = because;
        LOG.warnf("source %s %s: not called for %d s", sourceId, because, suspension.toSeconds());
    }
}
