package dev.podcastsearch.index;

import java.util.List;

/**
 * Where in an episode a query matched: a passage of its transcript or a chapter's title ({@code kind}), its
 * {@code text} whole (at most {@value Moment#MAX_TEXT} characters) with the matches as {@code marks} ({@code [start,
 * end)} in UTF-16 code units, as a {@link Highlight}'s), who speaks when the transcript says, and when: from the start
 * of the cue where the first match is to the end of the cue where the last one is, in seconds, each null if unknown.
 */
public record MomentHit(Moment.Kind kind, Double startS, Double endS, String speaker, String text,
        List<List<Integer>> marks) {
}
