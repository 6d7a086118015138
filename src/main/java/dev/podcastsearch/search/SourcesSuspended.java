package dev.podcastsearch.search;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import dev.podcastsearch.health.SourceOutcome;
import dev.podcastsearch.health.SourceStatus;

/**
 * Sources were suspended, so the search was not made: in group mode when any source is suspended (no source is
 * called), in partial mode when every source is.
 */
public class SourcesSuspended extends UnansweredSearch {

    private final boolean partial;

    SourcesSuspended(List<SourceOutcome> outcomes, boolean partial) {
        super(503, "source-suspended", partial ? "Every podcast source is suspended" : "A podcast source is suspended",
                "suspended: " + suspended(outcomes), outcomes);
        this.partial = partial;
    }

    @Override
    public String detail() {
        List<String> suspended = suspendedSources();
        String names = suspended.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "));
        String waitThenAsk = " Ask again in " + retryAfterSeconds() + " s";
        if (partial) {
            return "Every source is suspended (" + names + "), so none was called." + waitThenAsk + ".";
        }
        return "Source" + (suspended.size() > 1 ? "s " : " ") + names + " " + (suspended.size() > 1 ? "are" : "is")
                + " suspended, so no source was called." + waitThenAsk
                + ", or search with partial=true for the other sources' hits.";
    }

    /** The first suspended source. */
    @Override
    public String source() {
        return suspendedSources().get(0);
    }

    @Override
    public String reason() {
        return outcomes().stream().filter(outcome -> outcome.status() == SourceStatus.SUSPENDED).findFirst()
                .map(SourceOutcome::reason).orElseThrow();
    }

    /** The suspended sources' ids. */
    public List<String> suspendedSources() {
        return suspended(outcomes());
    }

    /**
     * When asking again may get an answer, in whole seconds: in group mode once every suspension has ended, as the
     * group needs every source; in partial mode once the first has, as one source is enough.
     */
    public long retryAfterSeconds() {
        Comparator<Duration> order = partial ? Comparator.naturalOrder() : Comparator.reverseOrder();
        Duration wait = outcomes().stream().map(SourceOutcome::retryAfter).filter(Objects::nonNull)
                .min(order).orElse(Duration.ofSeconds(1));
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static List<String> suspended(List<SourceOutcome> outcomes) {
        return outcomes.stream().filter(outcome -> outcome.status() == SourceStatus.SUSPENDED)
                .map(outcome -> outcome.source().id()).toList();
    }
}
