package dev.podcastsearch.search;

import java.util.List;

import dev.podcastsearch.health.SourceOutcome;

/** A search that ended without an answer; it says how each source did, for the problem document and the timings. */
public abstract class UnansweredSearch extends RuntimeException {

    private final List<SourceOutcome> outcomes;

    UnansweredSearch(String message, List<SourceOutcome> outcomes) {
        super(message, null, false, false);
        this.outcomes = outcomes;
    }

    /** Every source's outcome, in source id order. */
    public List<SourceOutcome> outcomes() {
        return outcomes;
    }
}
