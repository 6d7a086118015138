package dev.podcastsearch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.podcastsearch.support.soak.SoakRun;

/**
 * The soak as Lambda Managed Instances run the function: {@code AWS_LAMBDA_MAX_CONCURRENCY=8}, with sixteen searches
 * queued at all times, so that eight run at once in the one JVM throughout.
 */
class ConcurrentSoakIT extends Soak {

    static final int MAX_CONCURRENCY = 8;

    @Override
    SoakRun soak() {
        return SoakRun.named("concurrent-soak").concurrently(MAX_CONCURRENCY);
    }

    @Test
    void searchesRanConcurrentlyUpToTheLimit() {
        // A soak in which the runtime never overlapped searches would say nothing about concurrency.
        assertThat(report.maxInFlight()).isEqualTo(MAX_CONCURRENCY);
    }
}
