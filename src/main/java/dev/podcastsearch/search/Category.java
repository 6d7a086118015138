package dev.podcastsearch.search;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Which kind of hit a search returns. The sources say "Episode" or "Transcript", in any case. */
public enum Category {
    EPISODE,
    TRANSCRIPT,
    ALL;

    static final String ALLOWED = "episode, transcript or all";

    static Optional<Category> parse(String value) {
        return Arrays.stream(values()).filter(c -> c.name().equalsIgnoreCase(value)).findFirst();
    }

    boolean matches(String hitCategory) {
        return this == ALL || name().equalsIgnoreCase(hitCategory);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
