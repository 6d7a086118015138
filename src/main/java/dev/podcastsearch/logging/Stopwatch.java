package dev.podcastsearch.logging;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.podcastsearch.metrics.SearchMetrics;
import dev.podcastsearch.search.QueryParameters;
import dev.podcastsearch.search.SearchReport;
import dev.podcastsearch.search.ServerTiming;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Times every request the REST layer answers, once: the same duration is the {@code Server-Timing} header's total on
 * an answer to a search, the time on the request log's line, and the latency in the search's metrics.
 */
public class Stopwatch {

    private static final String STARTED = Stopwatch.class.getName() + ".started";
    /** The paths that search, and the face each is. */
    private static final Map<String, SearchMetrics.Face> FACES = Map.of("/search", SearchMetrics.Face.API,
            "/", SearchMetrics.Face.PAGE, "/search.rss", SearchMetrics.Face.FEED);

    private final SearchMetrics metrics;

    Stopwatch(SearchMetrics metrics) {
        this.metrics = metrics;
    }

    /** Pre-matching, so that requests for unknown paths and methods are timed as well. */
    @ServerRequestFilter(preMatching = true)
    public void started(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void stopped(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http,
            RoutingContext routing) {
        long nanos = request.getProperty(STARTED) instanceof Long started ? System.nanoTime() - started : -1;
        Object answer = response.getEntity() instanceof SearchReport entity ? entity : routing.get(SearchReport.KEPT);
        SearchReport report = answer instanceof SearchReport searched && searched.sources() != null ? searched : null;
        if (report != null) {
            response.getHeaders().putSingle(ServerTiming.HEADER, ServerTiming.of(report, nanos));
        }
        // Read once, for the log line and the metrics alike.
        QueryParameters parameters = QueryParameters.parse(http.query());
        RequestLog.log(request, response, parameters, report, nanos);
        SearchMetrics.Face face = FACES.get(request.getUriInfo().getPath());
        if (face != null) {
            boolean partial = face == SearchMetrics.Face.PAGE || parameters.valuesAsSent("partial").contains("true");
            metrics.searched(face, partial, response.getStatus(), TimeUnit.NANOSECONDS.toMillis(Math.max(nanos, 0)),
                    report == null ? null : report.sources());
        }
    }
}
