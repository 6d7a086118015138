package dev.podcastsearch.search;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.podcastsearch.health.SourceOutcome;
import dev.podcastsearch.health.SourceStatus;
import dev.podcastsearch.source.Hit;
import dev.podcastsearch.source.SourceResult;

/**
 * The unified answer. Field names reach the wire in snake_case. {@code complete} is true when every source answered
 * or was skipped; only a partial search can answer without it. {@code results} is the window {@code offset},
 * {@code limit} of the merged hits, of which there are {@code total}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "SearchResponse", description = "The unified answer", additionalProperties = Schema.False.class)
public record SearchResponse(
        @Schema(required = true, description = "The trimmed query") String query,
        @Schema(required = true, enumeration = { "episode", "transcript", "chapter", "all" }) String category,
        @Schema(required = true, description = "The sources' keywords, merged in source order") List<String> keywords,
        @Schema(required = true, description = "The whole search, in ms") long elapsedMs,
        @Schema(required = true, description = "Whether every source answered or was skipped") boolean complete,
        @Schema(required = true, description = "All merged hits after the category filter and the filters") int total,
        @Schema(required = true) int limit,
        @Schema(required = true) int offset,
        @Schema(required = true, description = "One per source, in source id order") List<SourceSummary> sources,
        @Schema(required = true, description = "The window of merged hits, in the order sort asks for")
        List<Hit> results)
        implements SearchReport {

    /**
     * How one source did: its status, and the reason unless it is {@code ok}. In an answer {@code resultCount} counts
     * its hits that passed the category filter and the filters; a problem document leaves it out. {@code stale} is
     * there, true, only when a feed could not be fetched and an older copy of it answered. {@code retryAfter}, for a
     * suspended source how long until it may be called again, is for the page's words only: callers have
     * {@code Retry-After}.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "SourceSummary", description = "How one source did", additionalProperties = Schema.False.class)
    public record SourceSummary(
            @Schema(required = true) String id,
            @Schema(required = true) String name,
            @Schema(required = true, description = "This source's call, in ms") long elapsedMs,
            @Schema(description = "Its hits after the category filter and the filters, before merging; in answers only")
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer resultCount,
            @Schema(required = true, description = "cancelled only in problems; skipped when the search did not ask it:"
                    + " not in sources, or it cannot apply a filter given") SourceStatus status,
            @Schema(description = "Why, unless ok") @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
            @Schema(description = "Present, true, only when a feed could not be fetched and an older copy of it answered")
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean stale,
            @JsonIgnore @Schema(hidden = true) Duration retryAfter) {

        /** For a problem document, where no hits are counted. */
        public static SourceSummary of(SourceOutcome outcome) {
            return new SourceSummary(outcome.source().id(), outcome.source().name(), outcome.elapsedMs(), null,
                    outcome.status(), outcome.reason(), null, outcome.retryAfter());
        }
    }

    /**
     * Unifies the group's results: each source's hits that pass the category filter and the filters, merged by
     * {@link RankFusion} with each source's weight, then put in the order asked for. Paging comes last, over the
     * merged list: a page never depends on how many hits each source had.
     */
    public static SearchResponse of(SearchRequest request, List<SourceOutcome> outcomes,
            ToDoubleFunction<String> weights, long elapsedMs) {
        Set<String> keywords = new LinkedHashSet<>();
        List<SourceSummary> summaries = new ArrayList<>();
        List<RankFusion.Ranking> rankings = new ArrayList<>();
        for (SourceOutcome outcome : outcomes) {
            List<Hit> hits = outcome.answer().map(SourceResult::hits).orElse(List.of()).stream()
                    .filter(hit -> request.category().matches(hit.category()) && request.filters().passes(hit))
                    .toList();
            outcome.answer().ifPresent(result -> keywords.addAll(result.keywords()));
            String id = outcome.source().id();
            rankings.add(new RankFusion.Ranking(id, weights.applyAsDouble(id), hits));
            boolean stale = outcome.answer().map(SourceResult::stale).orElse(false);
            summaries.add(new SourceSummary(id, outcome.source().name(), outcome.elapsedMs(), hits.size(),
                    outcome.status(), outcome.reason(), stale ? Boolean.TRUE : null, outcome.retryAfter()));
        }
        boolean complete = outcomes.stream().allMatch(outcome -> outcome.answered() || outcome.skipped());
        List<Hit> merged = request.sort().order(RankFusion.fuse(rankings, request.explain()));
        int from = Math.min(request.offset(), merged.size());
        int to = Math.min(from + request.limit(), merged.size());
        return new SearchResponse(request.text(), request.category().toString(), List.copyOf(keywords), elapsedMs,
                complete, merged.size(), request.limit(), request.offset(), summaries,
                List.copyOf(merged.subList(from, to)));
    }
}
