package dev.podcastsearch.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which kind of hit a search returns. The sources say "Episode" or "Transcript", in any case; feeds also "chapter"
 * (a moment that is a chapter's title).
 */
public enum Category {
    EPISODE,
    TRANSCRIPT,
    CHAPTER,
    ALL;

    static final String ALLOWED = "episode, transcript, chapter or all";

    /** The category spelled in ASCII letters of any case ({@link SearchRequest#spells}). */
    static Optional<Category> parse(String value) {
        return Arrays.stream(values()).filter(c -> c.isSpelled(value)).findFirst();
    }

    boolean matches(String hitCategory) {
        return this == ALL || isSpelled(hitCategory);
    }

    private boolean isSpelled(String text) {
        return SearchRequest.spells(text, name());
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
