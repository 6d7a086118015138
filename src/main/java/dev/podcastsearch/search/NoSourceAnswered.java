package dev.podcastsearch.search;

import java.util.List;

import dev.podcastsearch.health.SourceOutcome;

/** Partial mode: every source failed, timed out or was suspended, in some mix (each alone has its own failure). */
public class NoSourceAnswered extends UnansweredSearch {

    NoSourceAnswered(List<SourceOutcome> outcomes) {
        super("no source answered", outcomes);
    }
}
