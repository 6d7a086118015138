package dev.podcastsearch.index;

import java.time.Instant;

/**
 * One episode as the index takes it in: what a hit shows ({@code url} already checked,
 * {@code description} plain text already trimmed for showing, or null), and {@code searched}, the plain-text
 * description as far as it is searched and highlighted.
 */
public record Episode(long id, String title, String url, String description, Instant published, String searched) {
}
