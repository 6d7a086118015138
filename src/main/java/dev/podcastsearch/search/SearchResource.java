package dev.podcastsearch.search;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestQuery;

import io.smallrye.mutiny.Uni;

@Path("/search")
public class SearchResource {

    private final GroupSearch groupSearch;

    SearchResource(GroupSearch groupSearch) {
        this.groupSearch = groupSearch;
    }

    /** Lists, not single values, so that a repeated parameter is refused rather than silently cut to one. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<SearchResponse> search(@RestQuery List<String> q, @RestQuery List<String> category) {
        SearchRequest request = SearchRequest.of(q, category);
        long started = System.nanoTime();
        return groupSearch.search(request.text())
                .map(results -> SearchResponse.of(request, results,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    }
}
