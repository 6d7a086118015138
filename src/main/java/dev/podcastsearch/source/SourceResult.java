package dev.podcastsearch.source;

import java.util.List;

/** What one source answered, already unified, with the time its call took. */
public record SourceResult(PodcastSource source, List<String> keywords, List<Hit> hits, long elapsedMs) {
}
