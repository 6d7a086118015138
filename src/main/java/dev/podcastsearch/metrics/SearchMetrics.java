package dev.podcastsearch.metrics;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

import dev.podcastsearch.config.SearchConfig;
import dev.podcastsearch.health.SourceStatus;
import dev.podcastsearch.search.SearchResponse.SourceSummary;
import dev.podcastsearch.source.Sources;

/**
 * Metrics in CloudWatch's Embedded Metric Format: for every search, one record for the search and one for each source
 * it involved, each a JSON object of its own on one line of standard output, with {@code _aws} at its top level, which
 * is what CloudWatch Logs extracts metrics from with no agent and no API call. They bypass the application's logger on
 * purpose: its JSON format would nest the record inside a log line's {@code message}, where it is not extracted.
 * <p>
 * Dimensions are kept to {@code Service} and {@code Service, Source}, so that the number of metrics, and their cost,
 * does not grow with traffic; status class, mode and face travel as properties, which Logs Insights can query.
 * SnapStart priming's own requests build their records (so that the path is compiled) but write none.
 */
@ApplicationScoped
public class SearchMetrics {

    /** The namespace every metric is in. */
    public static final String NAMESPACE = "PodcastSearch";

    /** Where a search came in: the API, the page, or the feed of a search. */
    public enum Face {
        API, PAGE, FEED;

        String text() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final boolean enabled;
    private final String service;
    private final Sources sources;
    private final PrintStream out;

    SearchMetrics(SearchConfig config, Sources sources) {
        this.enabled = config.metrics().enabled();
        this.service = quoted(config.metrics().service());
        this.sources = sources;
        this.out = System.out;
    }

    /**
     * Records one search: its answer's {@code status}, its {@code latencyMs}, whether it was {@code partial}, and how
     * each source did ({@code summaries} is null when no source was involved, as for bad input).
     */
    public void searched(Face face, boolean partial, int status, long latencyMs, List<SourceSummary> summaries) {
        if (!enabled) {
            return;
        }
        long now = System.currentTimeMillis();
        StringBuilder records = new StringBuilder(256 * (1 + (summaries == null ? 0 : summaries.size())));
        int statusClass = status / 100;
        head(records, now, "[\"Service\"]");
        records.append("{\"Name\":\"Searches\",\"Unit\":\"Count\"},{\"Name\":\"SearchLatency\",\"Unit\":\"Milliseconds\"},")
                .append("{\"Name\":\"ClientErrors\",\"Unit\":\"Count\"},{\"Name\":\"ServerErrors\",\"Unit\":\"Count\"}]}]}")
                .append(",\"Service\":").append(service)
                .append(",\"Searches\":1,\"SearchLatency\":").append(latencyMs)
                .append(",\"ClientErrors\":").append(statusClass == 4 ? 1 : 0)
                .append(",\"ServerErrors\":").append(statusClass == 5 ? 1 : 0)
                .append(",\"StatusClass\":\"").append(statusClass).append("xx\",\"Mode\":\"")
                .append(partial ? "partial" : "group").append("\",\"Face\":\"").append(face.text()).append("\"}\n");
        if (summaries != null) {
            for (SourceSummary summary : summaries) {
                source(records, now, summary);
            }
        }
        if (!sources.isPriming()) {
            // One write, so that concurrent invocations never interleave inside a record.
            out.print(records);
            out.flush();
        }
    }

    private void source(StringBuilder records, long now, SourceSummary summary) {
        SourceStatus status = summary.status();
        // Only a source that was called has a latency; a suspended or never-called one has none to report.
        boolean called = status == SourceStatus.OK || status == SourceStatus.FAILED || status == SourceStatus.TIMED_OUT;
        head(records, now, "[\"Service\",\"Source\"]");
        if (called) {
            records.append("{\"Name\":\"SourceLatency\",\"Unit\":\"Milliseconds\"},");
        }
        records.append("{\"Name\":\"SourceFailures\",\"Unit\":\"Count\"},{\"Name\":\"SourceTimeouts\",\"Unit\":\"Count\"},")
                .append("{\"Name\":\"SourceSuspensions\",\"Unit\":\"Count\"},")
                .append("{\"Name\":\"SourceStaleAnswers\",\"Unit\":\"Count\"}]}]}")
                .append(",\"Service\":").append(service)
                .append(",\"Source\":").append(quoted(summary.id()));
        if (called) {
            records.append(",\"SourceLatency\":").append(summary.elapsedMs());
        }
        records.append(",\"SourceFailures\":").append(status == SourceStatus.FAILED ? 1 : 0)
                .append(",\"SourceTimeouts\":").append(status == SourceStatus.TIMED_OUT ? 1 : 0)
                .append(",\"SourceSuspensions\":").append(status == SourceStatus.SUSPENDED ? 1 : 0)
                .append(",\"SourceStaleAnswers\":").append(Boolean.TRUE.equals(summary.stale()) ? 1 : 0)
                .append(",\"Outcome\":\"").append(status).append("\"}\n");
    }

    private static void head(StringBuilder records, long now, String dimensions) {
        records.append("{\"_aws\":{\"Timestamp\":").append(now)
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":\"").append(NAMESPACE)
                .append("\",\"Dimensions\":[").append(dimensions).append("],\"Metrics\":[");
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
