package dev.podcastsearch;

import dev.podcastsearch.support.soak.SoakRun;

/** The soak as on-demand Lambda runs the function: one search at a time, in one JVM. */
class SequentialSoakIT extends Soak {

    @Override
    SoakRun soak() {
        return SoakRun.named("sequential-soak");
    }
}
