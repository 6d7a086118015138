package dev.podcastsearch.search;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

@Path("/search")
public class SearchResource {

    /** What /search answers: GET, and HEAD (GET without a body) and OPTIONS, which JAX-RS adds by itself. */
    public static final List<String> METHODS = List.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final GroupSearch groupSearch;

    SearchResource(GroupSearch groupSearch) {
        this.groupSearch = groupSearch;
    }

    /**
     * The query string is read raw, by {@link QueryParameters}, not as {@code @RestQuery} parameters: see there why.
     * The Accept header's q-values are checked here ({@link AcceptHeader}), as RESTEasy Reactive ignores them.
     * Parameters other than q, category, partial, limit and offset are ignored, as links with tracking parameters expect.
     * A complete result may be cached for a minute: it changes only when an episode is published, and every caller
     * gets the same. A partial one says only how the sources did at this moment, so no cache may keep it.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<SearchResponse>> search(HttpServerRequest http) {
        AcceptHeader.requireJson(http.headers().getAll(HttpHeaders.ACCEPT));
        SearchRequest request = SearchRequest.of(QueryParameters.parse(http.query()));
        long started = System.nanoTime();
        return groupSearch.search(request.text(), request.partial())
                .map(outcomes -> SearchResponse.of(request, outcomes,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)))
                .map(response -> RestResponse.ResponseBuilder.ok(response)
                        .header(HttpHeaders.CACHE_CONTROL, response.complete() ? "max-age=60" : "no-store")
                        .build());
    }
}
