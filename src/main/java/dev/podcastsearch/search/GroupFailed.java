package dev.podcastsearch.search;

import java.util.List;

import dev.podcastsearch.health.SourceOutcome;
import dev.podcastsearch.source.SourceFailure;

/** Group mode: a source failed, so the search stopped and the other sources were cancelled. */
public class GroupFailed extends UnansweredSearch {

    private final SourceFailure failure;

    GroupFailed(SourceFailure failure, List<SourceOutcome> outcomes) {
        super(failure.getMessage(), outcomes);
        this.failure = failure;
    }

    /** The failure that stopped the group. */
    public SourceFailure failure() {
        return failure;
    }
}
