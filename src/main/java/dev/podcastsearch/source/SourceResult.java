package dev.podcastsearch.source;

import java.util.List;

/**
 * What one source answered, already unified, with the time its call took. {@code stale} is true when a feed could not
 * be fetched and an older copy of it answered instead.
 */
public record SourceResult(PodcastSource source, List<String> keywords, List<Hit> hits, long elapsedMs, boolean stale) {

    public SourceResult(PodcastSource source, List<String> keywords, List<Hit> hits, long elapsedMs) {
        this(source, keywords, hits, elapsedMs, false);
    }
}
