package dev.podcastsearch.search;

import java.util.List;

import dev.podcastsearch.health.SourceOutcome;

/**
 * A search that ended without an answer: its HTTP status and its words, which the problem document and the page both
 * show, and how each source did.
 */
public abstract class UnansweredSearch extends RuntimeException {

    private final int status;
    private final String kind;
    private final String title;
    private final List<SourceOutcome> outcomes;

    UnansweredSearch(int status, String kind, String title, String message, List<SourceOutcome> outcomes) {
        super(message, null, false, false);
        this.status = status;
        this.kind = kind;
        this.title = title;
        this.outcomes = outcomes;
    }

    /** 502, 503 or 504. */
    public int status() {
        return status;
    }

    /** What kind of problem it is, in the problem type: {@code urn:podcast-search:problem:<kind>}. */
    public String kind() {
        return kind;
    }

    /** In short words, the same for every search of its kind and mode. */
    public String title() {
        return title;
    }

    /** What went wrong in this search and what to do about it. */
    public abstract String detail();

    /** The source the problem is about, when it is about one source; null otherwise. */
    public String source() {
        return null;
    }

    /** Why {@link #source()} did not answer; null when there is no such source. */
    public String reason() {
        return null;
    }

    /** Every source's outcome, in source id order. */
    public List<SourceOutcome> outcomes() {
        return outcomes;
    }

    /** How each source did, as answers and problems say it. */
    public List<SearchResponse.SourceSummary> sources() {
        return outcomes.stream().map(SearchResponse.SourceSummary::of).toList();
    }
}
