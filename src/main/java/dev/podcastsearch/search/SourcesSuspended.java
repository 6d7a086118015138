package dev.podcastsearch.search;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import dev.podcastsearch.health.SourceOutcome;
import dev.podcastsearch.health.SourceStatus;

/**
 * Sources were suspended, so the search was not made: in group mode when any source is suspended (no source is
 * called), in partial mode when every source is.
 */
public class SourcesSuspended extends UnansweredSearch {

    SourcesSuspended(List<SourceOutcome> outcomes) {
        super("suspended: " + suspended(outcomes), outcomes);
    }

    /** The suspended sources' ids. */
    public List<String> suspendedSources() {
        return suspended(outcomes());
    }

    /** How long until the first suspension ends, which is when asking again may get an answer. */
    public Duration retryAfter() {
        return outcomes().stream().map(SourceOutcome::retryAfter).filter(Objects::nonNull)
                .min(Comparator.naturalOrder()).orElse(Duration.ofSeconds(1));
    }

    private static List<String> suspended(List<SourceOutcome> outcomes) {
        return outcomes.stream().filter(outcome -> outcome.status() == SourceStatus.SUSPENDED)
                .map(outcome -> outcome.source().id()).toList();
    }
}
