package dev.podcastsearch.source;

/** One search hit in the unified form every source is turned into. */
public record Hit(String source, long id, String category, String title, String url, String description) {
}
