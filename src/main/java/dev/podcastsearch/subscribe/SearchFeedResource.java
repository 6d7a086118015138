package dev.podcastsearch.subscribe;

import java.time.ZoneOffset;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestResponse;

import dev.podcastsearch.problem.Problem;
import dev.podcastsearch.search.QueryParameters;
import dev.podcastsearch.search.SearchReport;
import dev.podcastsearch.search.SearchRequest;
import dev.podcastsearch.search.SearchService;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The search as a podcast feed: the same parameters as {@code GET /search}, read by the same {@link SearchRequest},
 * the same {@link SearchService}, the same problems; answered as RSS 2.0 ({@link SearchFeed}). Answered whatever the
 * {@code Accept} header says: feed readers send anything from {@code *}{@code /*} to {@code text/xml}, and a reader
 * refused with 406 would lose its subscription for a header it cannot change.
 */
@Path("/search.rss")
public class SearchFeedResource {

    static final String MEDIA_TYPE = "application/rss+xml";
    /**
     * Podcast apps poll a feed; a feed source's new episode is searched within its refresh (search.feeds.refresh, 15
     * minutes by default), so a complete feed may be kept as long, by any cache: it is the same for every caller. An
     * incomplete one says how the sources did at one moment, so, as for /search, no cache may keep it. No space after
     * the comma, so that dev mode's event server, which cuts the value there into two lines, leaves no space before the
     * second (search/ServerTiming says more).
     */
    static final String CACHED = "public,max-age=900";

    private final SearchService searchService;

    SearchFeedResource(SearchService searchService) {
        this.searchService = searchService;
    }

    /** The parameters and the problems are the search's: ApiDocumentMethods copies its parameters here. */
    @GET
    @Operation(operationId = "searchFeed", summary = "The search as a podcast feed",
            description = "The same search as GET /search, with the same parameters and problems, answered as an RSS"
                    + " 2.0 podcast feed (with the itunes namespace) of the hits in its window that have audio, for a"
                    + " podcast app to subscribe to. Conditional requests are answered 304.")
    @APIResponse(responseCode = "200", description = "The feed: one item per hit with audio, in the search's order.",
            headers = {
                    @Header(name = "ETag", description = "Changes with anything the feed says",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Last-Modified", description = "The newest item's date, when an item has one",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", description = CACHED + " when complete, otherwise no-store",
                            schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Server-Timing", description = "Each source's call, then the total",
                            schema = @Schema(type = SchemaType.STRING)) },
            content = @Content(mediaType = MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "304", description = "If-None-Match names the feed's ETag, or, without it,"
            + " If-Modified-Since is no earlier than its Last-Modified: the feed has not changed. No body.",
            headers = {
                    @Header(name = "ETag", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Last-Modified", schema = @Schema(type = SchemaType.STRING)),
                    @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "A parameter breaks its rule, as for GET /search; no source is"
            + " called.", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "405", description = "A method other than GET, HEAD or OPTIONS.",
            headers = @Header(name = "Allow", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "As for GET /search: a source failed (group mode), or none"
            + " answered (partial mode).",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "As for GET /search: sources are suspended.",
            headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "504", description = "As for GET /search: the deadline passed.",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RestResponse<byte[]>> feed(@Context HttpServerRequest http, @Context UriInfo uri,
            @Context RoutingContext routing) {
        SearchRequest request = SearchRequest.of(QueryParameters.parse(http.query()), searchService.sourceIds());
        // The page of the same search, whose base URI keeps any stage or base path (X-Forwarded-Prefix).
        String page = uri.getBaseUri() + (http.query() == null ? "" : "?" + http.query());
        return searchService.search(request).map(answer -> {
            SearchReport.keep(routing, answer);
            SearchFeed feed = SearchFeed.of(answer, page);
            RestResponse.ResponseBuilder<byte[]> response = feed.unchangedFor(
                    http.headers().getAll(HttpHeaders.IF_NONE_MATCH), http.headers().getAll(HttpHeaders.IF_MODIFIED_SINCE))
                            ? RestResponse.ResponseBuilder.create(RestResponse.Status.NOT_MODIFIED)
                            : RestResponse.ResponseBuilder.ok(feed.xml(), MEDIA_TYPE + ";charset=UTF-8");
            response.header(HttpHeaders.ETAG, feed.etag())
                    .header(HttpHeaders.CACHE_CONTROL, answer.complete() ? CACHED : "no-store");
            if (feed.lastModified() != null) {
                response.header(HttpHeaders.LAST_MODIFIED,
                        SearchFeedWriter.RFC_822.format(feed.lastModified().atOffset(ZoneOffset.UTC)));
            }
            return response.build();
        });
    }
}
