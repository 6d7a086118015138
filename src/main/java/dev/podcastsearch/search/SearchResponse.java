package dev.podcastsearch.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.podcastsearch.source.Hit;
import dev.podcastsearch.source.SourceResult;

/** The unified answer. Field names reach the wire in snake_case. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SearchResponse(String query, String category, List<String> keywords, long elapsedMs,
        List<SourceSummary> sources, List<Hit> results) {

    /** How one source did: {@code resultCount} counts its hits that passed the category filter. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SourceSummary(String id, String name, long elapsedMs, int resultCount) {
    }

    /**
     * Unifies the group's results. Hits are interleaved by rank (every source's first hit, then every
     * source's second, ...), sources in id order, so each source keeps its own ranking and none buries the other.
     */
    static SearchResponse of(SearchRequest request, List<SourceResult> results, long elapsedMs) {
        Set<String> keywords = new LinkedHashSet<>();
        List<SourceSummary> summaries = new ArrayList<>();
        List<List<Hit>> kept = new ArrayList<>();
        for (SourceResult result : results) {
            keywords.addAll(result.keywords());
            List<Hit> hits = result.hits().stream().filter(hit -> request.category().matches(hit.category())).toList();
            kept.add(hits);
            summaries.add(new SourceSummary(result.source().id(), result.source().name(), result.elapsedMs(), hits.size()));
        }
        return new SearchResponse(request.text(), request.category().toString(), List.copyOf(keywords), elapsedMs,
                summaries, interleave(kept));
    }

    private static List<Hit> interleave(List<List<Hit>> perSource) {
        List<Hit> merged = new ArrayList<>();
        int longest = perSource.stream().mapToInt(List::size).max().orElse(0);
        for (int rank = 0; rank < longest; rank++) {
            for (List<Hit> hits : perSource) {
                if (rank < hits.size()) {
                    merged.add(hits.get(rank));
                }
            }
        }
        return merged;
    }
}
