package dev.podcastsearch.search;

import java.util.List;

import dev.podcastsearch.health.SourceOutcome;

/** Partial mode: every source failed, timed out or was suspended, in some mix (each alone has its own failure). */
public class NoSourceAnswered extends UnansweredSearch {

    NoSourceAnswered(List<SourceOutcome> outcomes) {
        super(502, "no-source-answered", "No podcast source answered", "no source answered", outcomes);
    }

    @Override
    public String detail() {
        return "Every source failed, timed out or is suspended; see sources for each one's status and reason.";
    }
}
