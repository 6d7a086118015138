package dev.podcastsearch.search;

import java.util.List;

/**
 * An answer to a search that says how each source did, whether the search answered (a {@code SearchResponse}) or not
 * (a problem document): what the {@code Server-Timing} header and the request log are made from.
 */
public interface SearchReport {

    /** One entry per source, in source id order; null when the answer involved no source (bad input, say). */
    List<SearchResponse.SourceSummary> sources();
}
