package dev.podcastsearch;

import dev.podcastsearch.support.SoakRun;

/**
 * The soak as Lambda Managed Instances run the function: {@code AWS_LAMBDA_MAX_CONCURRENCY=8}, with sixteen searches
 * queued at all times, so that eight run at once in the one JVM throughout.
 */
class ConcurrentSoakIT extends Soak {

    @Override
    SoakRun soak() {
        return SoakRun.named("concurrent-soak").concurrently(8);
    }
}
