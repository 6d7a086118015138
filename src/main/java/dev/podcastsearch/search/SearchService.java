package dev.podcastsearch.search;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.Sources;
import io.smallrye.mutiny.Uni;

/**
 * The one search behind every face (the API, the page): searches the group and unifies what it answered. A search
 * without an answer fails with an {@link UnansweredSearch}, which carries its status and its words.
 */
@ApplicationScoped
public class SearchService {

    private final GroupSearch groupSearch;
    private final Sources sources;

    SearchService(GroupSearch groupSearch, Sources sources) {
        this.groupSearch = groupSearch;
        this.sources = sources;
    }

    /** The ids of the sources a search asks, in id order: what {@code sources=} may name. */
    public List<String> sourceIds() {
        return sources.searched().stream().map(PodcastSource::id).toList();
    }

    public Uni<SearchResponse> search(SearchRequest request) {
        long started = System.nanoTime();
        return groupSearch.search(request)
                .map(outcomes -> SearchResponse.of(request, outcomes, sources::weight,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    }
}
