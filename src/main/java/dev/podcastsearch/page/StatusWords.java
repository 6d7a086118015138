package dev.podcastsearch.page;

import dev.podcastsearch.health.SourceOutcome;

/** A source's status as a sentence a person understands; the API's {@code status} and {@code reason} behind it. */
final class StatusWords {

    private StatusWords() {
    }

    /** {@code resultCount}: its hits after the category filter, null when there is no answer. */
    static PageView.SourceLine of(SourceOutcome outcome, Integer resultCount) {
        String name = outcome.source().name();
        String words = switch (outcome.status()) {
            case OK -> name + " answered: " + count(resultCount == null ? 0 : resultCount) + ".";
            case FAILED -> name + " could not be searched: it failed to answer (" + outcome.reason() + ").";
            case TIMED_OUT -> name + " did not answer in time.";
            case SUSPENDED -> name + " is paused after repeated failures and was not asked"
                    + (outcome.retryAfter() == null ? "." : "; it will be asked again in about "
                            + Math.max(1, (outcome.retryAfter().toMillis() + 999) / 1000) + " s.");
            case CANCELLED -> name + " was not asked, as the search was stopped.";
        };
        return new PageView.SourceLine(words, outcome.answered());
    }

    private static String count(int hits) {
        return hits == 1 ? "1 result" : hits + " results";
    }
}
