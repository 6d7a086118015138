package dev.podcastsearch.search;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/**
 * The one search behind every face (the API, the page): searches the group and unifies what it answered. A search
 * without an answer fails with an {@link UnansweredSearch}, which carries its status and its words.
 */
@ApplicationScoped
public class SearchService {

    private final GroupSearch groupSearch;

    SearchService(GroupSearch groupSearch) {
        this.groupSearch = groupSearch;
    }

    public Uni<SearchResponse> search(SearchRequest request) {
        long started = System.nanoTime();
        return groupSearch.search(request.text(), request.partial())
                .map(outcomes -> SearchResponse.of(request, outcomes,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    }
}
