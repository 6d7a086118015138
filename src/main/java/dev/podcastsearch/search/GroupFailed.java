package dev.podcastsearch.search;

import java.util.List;

import dev.podcastsearch.health.SourceOutcome;
import dev.podcastsearch.source.SourceFailure;

/** Group mode: a source failed, so the search stopped and the other sources were cancelled. */
public class GroupFailed extends UnansweredSearch {

    private final SourceFailure failure;

    GroupFailed(SourceFailure failure, List<SourceOutcome> outcomes) {
        super(502, "source-failure", "A podcast source failed", failure.getMessage(), outcomes);
        this.failure = failure;
    }

    @Override
    public String detail() {
        return "Source '" + failure.sourceId() + "' failed: " + failure.reason()
                + ". The search was stopped and the other sources cancelled.";
    }

    @Override
    public String source() {
        return failure.sourceId();
    }

    @Override
    public String reason() {
        return failure.reason();
    }
}
