package dev.podcastsearch.search;

import java.time.Duration;
import java.util.List;

import dev.podcastsearch.health.SourceOutcome;
import dev.podcastsearch.health.SourceStatus;

/** The group deadline passed before every source answered (group mode), or before any answered (partial mode). */
public class SearchTimeout extends UnansweredSearch {

    private final Duration timeout;

    SearchTimeout(Duration timeout, List<SourceOutcome> outcomes) {
        super(504, "timeout", "The search took too long", "no complete answer within " + timeout.toMillis() + " ms",
                outcomes);
        this.timeout = timeout;
    }

    @Override
    public String detail() {
        return "No complete answer within " + timeout.toMillis() + " ms; still waiting for "
                + String.join(", ", pendingSources()) + ", which were cancelled.";
    }

    /** The sources still pending at the deadline, whose calls were cancelled. */
    public List<String> pendingSources() {
        return outcomes().stream().filter(outcome -> outcome.status() == SourceStatus.TIMED_OUT)
                .map(outcome -> outcome.source().id()).toList();
    }
}
