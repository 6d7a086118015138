package dev.podcastsearch.page;

import dev.podcastsearch.health.SourceOutcome;
import dev.podcastsearch.health.SourceStatus;
import dev.podcastsearch.search.SearchRequest;
import dev.podcastsearch.search.SearchResponse;

/** A source's status as a sentence a person understands; the API's {@code status} and {@code reason} behind it. */
final class StatusWords {

    private StatusWords() {
    }

    static PageView.SourceLine of(SearchResponse.SourceSummary source) {
        String name = source.name();
        String words = switch (source.status()) {
            case OK -> name + " answered: " + count(source.resultCount() == null ? 0 : source.resultCount()) + ".";
            case FAILED -> name + " could not be searched: it failed to answer (" + source.reason() + ").";
            case TIMED_OUT -> name + " did not answer in time.";
            case SUSPENDED -> name + (SourceOutcome.SUSPENDED_AS_ASKED.equals(source.reason())
                    ? " is paused, as it asked to be, and was not asked"
                    : " is paused after repeated failures and was not asked")
                    + (source.retryAfter() == null ? "." : "; it will be asked again in about "
                            + Math.max(1, (source.retryAfter().toMillis() + 999) / 1000) + " s.");
            case CANCELLED -> name + " was not asked, as the search was stopped.";
            case SKIPPED -> name + (SearchRequest.NOT_CHOSEN.equals(source.reason())
                    ? " was not asked: it is not among the sources chosen."
                    : " was not asked: its episodes do not say what the filters need (it " + source.reason() + ").");
        };
        return new PageView.SourceLine(words, source.status() == SourceStatus.OK);
    }

    private static String count(int hits) {
        return hits == 1 ? "1 result" : hits + " results";
    }
}
