package dev.podcastsearch.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import dev.podcastsearch.source.Filterable;
import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.SourceFailure;
import dev.podcastsearch.source.SourceResult;
import io.smallrye.mutiny.Uni;

/**
 * A trial call (the one call a suspended source is allowed once its delay is over) settles its breaker however it
 * ends, and once: afterwards the source is either healthy, suspended again, or free for another trial, never stuck.
 */
class SourceCallTest {

    private static final Duration DELAY = Duration.ofMillis(50);
    private static final PodcastSource SOURCE = new Named("talkpython");

    @Test
    void answeredTrialEndsTheSuspension() throws InterruptedException {
        SourceHealth health = trialEndedBy(call -> call.answered(new SourceResult(List.of(), List.of(), false)));

        assertThat(health.start(SOURCE).isSuspended()).isFalse();
        assertThat(health.start(SOURCE).isSuspended()).as("not a trial any more").isFalse();
    }

    @Test
    void trialFailedBySourceSuspendsAgain() throws InterruptedException {
        suspendedAgainAfter(call -> call.failed(new SourceFailure(SOURCE.id(), "answered HTTP 500")));
    }

    @Test
    void trialFailedByABugSuspendsAgain() throws InterruptedException {
        suspendedAgainAfter(call -> assertThat(call.failed(new IllegalStateException("a bug")).reason())
                .isEqualTo("failed unexpectedly"));
    }

    @Test
    void trialTimedOutSuspendsAgain() throws InterruptedException {
        suspendedAgainAfter(call -> call.timedOut(Duration.ofSeconds(5)));
    }

    @Test
    void skippedCallStaysSkippedHoweverTheSearchEnds() {
        SourceCall skipped = SourceCall.skipped(SOURCE, "not in sources");
        skipped.cancelled("cancelled: the search ended");
        skipped.timedOut(Duration.ofSeconds(5));

        assertThat(skipped.isCalled()).isFalse();
        assertThat(skipped.isSuspended()).isFalse();
        assertThat(skipped.outcome().status()).isEqualTo(SourceStatus.SKIPPED);
        assertThat(skipped.outcome().reason()).isEqualTo("not in sources");
        assertThat(skipped.outcome().elapsedMs()).isZero();
    }

    @Test
    void cancelledTrialFreesTheSourceForAnotherTrial() throws InterruptedException {
        SourceHealth health = trialEndedBy(call -> call.cancelled("cancelled: the search was cancelled"));

        SourceCall next = health.start(SOURCE);
        assertThat(next.isSuspended()).as("the permit was given back").isFalse();
        assertThat(health.start(SOURCE).isSuspended()).as("and taken by this trial").isTrue();
    }

    /** Only the first ending counts: a failure after the answer does not suspend the source. */
    @Test
    void callSettlesOnce() throws InterruptedException {
        SourceHealth health = trialEndedBy(call -> {
            call.answered(new SourceResult(List.of(), List.of(), false));
            call.failed(new SourceFailure(SOURCE.id(), "answered HTTP 500"));
            call.timedOut(Duration.ofSeconds(5));
            assertThat(call.outcome().status()).isEqualTo(SourceStatus.OK);
        });

        assertThat(health.start(SOURCE).isSuspended()).isFalse();
    }

    private static void suspendedAgainAfter(Consumer<SourceCall> ending) throws InterruptedException {
        SourceHealth health = trialEndedBy(ending);

        SourceCall refused = health.start(SOURCE);
        assertThat(refused.isSuspended()).isTrue();
        assertThat(refused.outcome().reason()).isEqualTo(SourceOutcome.SUSPENDED_AFTER_FAILURES);
    }

    /** A breaker over a window of two, opened by two failures, its delay waited out, and one trial call ended so. */
    private static SourceHealth trialEndedBy(Consumer<SourceCall> ending) throws InterruptedException {
        SourceHealth health = new SourceHealth(SOURCE.id(),
                new SourceHealth.Settings(2, 0.5, DELAY, Duration.ofMinutes(10)));
        for (int call = 0; call < 2; call++) {
            health.start(SOURCE).failed(new SourceFailure(SOURCE.id(), "answered HTTP 500"));
        }
        assertThat(health.start(SOURCE).isSuspended()).isTrue();
        TimeUnit.MILLISECONDS.sleep(DELAY.toMillis() * 2);

        SourceCall trial = health.start(SOURCE);
        assertThat(trial.isSuspended()).as("the trial call").isFalse();
        assertThat(health.start(SOURCE).isSuspended()).as("one trial at a time").isTrue();
        ending.accept(trial);
        return health;
    }

    private record Named(String id) implements PodcastSource {

        @Override
        public String name() {
            return id;
        }

        @Override
        public Set<Filterable> filterable() {
            return Set.of();
        }

        @Override
        public Uni<SourceResult> search(String query, boolean moments) {
            throw new UnsupportedOperationException("never called: the calls here are settled by hand");
        }

        @Override
        public void close() {
        }
    }
}
