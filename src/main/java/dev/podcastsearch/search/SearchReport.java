package dev.podcastsearch.search;

import java.util.List;

import io.vertx.ext.web.RoutingContext;

/**
 * An answer to a search that says how each source did, whether the search answered (a {@code SearchResponse}) or not
 * (a problem document): what the {@code Server-Timing} header, the request log and the metrics are made from. A face
 * that answers with something else (the page's HTML) leaves its report on the request ({@link #keep}) instead.
 */
public interface SearchReport {

    /** Where a face whose answer is no report keeps the search's, for the stopwatch to find. */
    String KEPT = SearchReport.class.getName();

    /** Keeps {@code report} on the request being answered. */
    static void keep(RoutingContext request, SearchReport report) {
        request.put(KEPT, report);
    }

    /** One entry per source, in source id order; null when the answer involved no source (bad input, say). */
    List<SearchResponse.SourceSummary> sources();
}
