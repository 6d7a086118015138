package dev.podcastsearch.source.feed;

import java.time.Instant;

/**
 * One item of a feed as it is searched: what a hit shows ({@code url} already checked, {@code description} plain text
 * already trimmed), and the title and whole plain-text description normalised once, when the feed is read
 * ({@link FeedText#normalised}), so that a search only compares.
 */
record Episode(long id, String title, String url, String description, Instant published, String matchTitle,
        String matchDescription) {
}
