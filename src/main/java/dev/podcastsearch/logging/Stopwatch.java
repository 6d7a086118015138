package dev.podcastsearch.logging;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import dev.podcastsearch.search.SearchReport;
import dev.podcastsearch.search.ServerTiming;
import io.vertx.core.http.HttpServerRequest;

/**
 * Times every request the REST layer answers, once: the same duration is the {@code Server-Timing} header's total on
 * an answer to a search and the time on the request log's line.
 */
public class Stopwatch {

    private static final String STARTED = Stopwatch.class.getName() + ".started";

    /** Pre-matching, so that requests for unknown paths and methods are timed as well. */
    @ServerRequestFilter(preMatching = true)
    public void started(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void stopped(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        long nanos = request.getProperty(STARTED) instanceof Long started ? System.nanoTime() - started : -1;
        SearchReport report = response.getEntity() instanceof SearchReport answer && answer.sources() != null
                ? answer
                : null;
        if (report != null) {
            response.getHeaders().putSingle(ServerTiming.HEADER, ServerTiming.of(report, nanos));
        }
        RequestLog.log(request, response, http, report, nanos);
    }
}
