package dev.podcastsearch.index;

import java.util.List;

/**
 * One moment of an episode as the index takes it in: a passage of its transcript, or one of its chapters. {@code text}
 * is plain text of at most {@value #MAX_TEXT} characters, {@code speaker} who says it when the transcript says (null
 * otherwise), and {@code cues} where each cue of the source file begins in {@code text}, with its times, in order; the
 * first begins at 0. A hit's time is its first match's cue's, so a passage made of several cues still plays from the
 * words that matched.
 */
public record Moment(String text, String speaker, List<Cue> cues) {

    /** The most characters a moment's text has: a hit shows it whole. */
    public static final int MAX_TEXT = 300;

    public enum Kind {
        TRANSCRIPT(IndexFields.TRANSCRIPT_KIND, IndexFields.TRANSCRIPT, IndexFields.TRANSCRIPT_EPISODE),
        CHAPTER(IndexFields.CHAPTER_KIND, IndexFields.CHAPTER, IndexFields.CHAPTER_EPISODE);

        final String name;
        final String textField;
        final String episodeField;

        Kind(String name, String textField, String episodeField) {
            this.name = name;
            this.textField = textField;
            this.episodeField = episodeField;
        }

        /** Lower case, as a hit's category says it. */
        @Override
        public String toString() {
            return name;
        }
    }

    /** Where a cue's text begins in its moment's text, and when it starts and ends, in seconds; each null if unknown. */
    public record Cue(int offset, Double startS, Double endS) {
    }
}
