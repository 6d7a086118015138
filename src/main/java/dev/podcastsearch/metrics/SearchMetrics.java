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
import dev.podcastsearch.source.published.PublishedIndex;

/**
 * Metrics in CloudWatch's Embedded Metric Format: for every search, one record for the search and one for each source
 * it involved, each a JSON object of its own on one line of standard output, with {@code _aws} at its top level, which
 * is what CloudWatch Logs extracts metrics from with no agent and no API call. They bypass the application's logger on
 * purpose: its JSON format would nest the record inside a log line's {@code message}, where it is not extracted.
 * <p>
 * Dimensions are kept to {@code Service} and {@code Service, Source}, so that the number of metrics, and their cost,
 * does not grow with traffic; status class, mode and face travel as properties, which Logs Insights can query.
 * SnapStart priming's own requests build their records (so that the path is compiled) but write none. The ingest
 * function writes one record per run ({@link #ingested}); where the index is published, each search's record also says
 * how old the loaded index is.
 */
@ApplicationScoped
public class SearchMetrics {

    /** The namespace every metric is in. */
    public static final String NAMESPACE = "PodcastSearch";

    /** Every metric the function writes: what the template's dashboard and alarms may name (TemplateTest). */
    public enum Metric {
        SEARCHES("Searches", "Count"),
        SEARCH_LATENCY("SearchLatency", "Milliseconds"),
        CLIENT_ERRORS("ClientErrors", "Count"),
        SERVER_ERRORS("ServerErrors", "Count"),
        SOURCE_LATENCY("SourceLatency", "Milliseconds"),
        SOURCE_FAILURES("SourceFailures", "Count"),
        SOURCE_TIMEOUTS("SourceTimeouts", "Count"),
        SOURCE_SUSPENSIONS("SourceSuspensions", "Count"),
        SOURCE_STALE_ANSWERS("SourceStaleAnswers", "Count"),
        /** With each search, when the index is published: how long ago the ingest built the index loaded. */
        INDEX_AGE("IndexAge", "Seconds"),
        INGEST_RUNS("IngestRuns", "Count"),
        INGEST_FAILURES("IngestFailures", "Count"),
        INGEST_DURATION("IngestDuration", "Milliseconds"),
        FEEDS_READ("FeedsRead", "Count"),
        FEEDS_NOT_MODIFIED("FeedsNotModified", "Count"),
        FEEDS_FAILED("FeedsFailed", "Count"),
        FILES_READ("FilesRead", "Count"),
        FILES_NOT_MODIFIED("FilesNotModified", "Count"),
        FILES_SKIPPED("FilesSkipped", "Count"),
        INDEX_BYTES("IndexBytes", "Bytes"),
        INDEX_DOCUMENTS("IndexDocuments", "Count");

        public final String metricName;
        private final String definition;

        Metric(String metricName, String unit) {
            this.metricName = metricName;
            this.definition = "{\"Name\":\"" + metricName + "\",\"Unit\":\"" + unit + "\"}";
        }
    }

    /** Where a search came in: the API, the page, or the feed of a search. */
    public enum Face {
        API, PAGE, FEED;

        private final String text = name().toLowerCase(Locale.ROOT);
    }

    private static final List<Metric> OF_A_SEARCH = List.of(Metric.SEARCHES, Metric.SEARCH_LATENCY,
            Metric.CLIENT_ERRORS, Metric.SERVER_ERRORS);
    private static final List<Metric> OF_A_SEARCH_WITH_AN_INDEX = List.of(Metric.SEARCHES, Metric.SEARCH_LATENCY,
            Metric.CLIENT_ERRORS, Metric.SERVER_ERRORS, Metric.INDEX_AGE);
    private static final List<Metric> OF_AN_INGEST = List.of(Metric.INGEST_RUNS, Metric.INGEST_FAILURES,
            Metric.INGEST_DURATION, Metric.FEEDS_READ, Metric.FEEDS_NOT_MODIFIED, Metric.FEEDS_FAILED,
            Metric.FILES_READ, Metric.FILES_NOT_MODIFIED, Metric.FILES_SKIPPED, Metric.INDEX_BYTES,
            Metric.INDEX_DOCUMENTS);
    private static final List<Metric> OF_A_FAILED_INGEST = OF_AN_INGEST.subList(0, 3);
    private static final List<Metric> OF_A_CALLED_SOURCE = List.of(Metric.SOURCE_LATENCY, Metric.SOURCE_FAILURES,
            Metric.SOURCE_TIMEOUTS, Metric.SOURCE_SUSPENSIONS, Metric.SOURCE_STALE_ANSWERS);
    // A source that was not called (suspended, or cancelled before its call) has no latency to report.
    private static final List<Metric> OF_A_SOURCE_NOT_CALLED = OF_A_CALLED_SOURCE.subList(1, OF_A_CALLED_SOURCE.size());

    /** What one ingest run did, as its record says it; a failed run published nothing and says only that. */
    public record IngestRun(boolean failed, long durationMs, int feedsRead, int feedsNotModified, int feedsFailed,
            int filesRead, int filesNotModified, int filesSkipped, long indexBytes, long indexDocuments) {
    }

    private final boolean enabled;
    private final String service;
    private final Sources sources;
    private final PublishedIndex index;
    private final PrintStream out;

    SearchMetrics(SearchConfig config, Sources sources, PublishedIndex index) {
        this.enabled = config.metrics().enabled();
        this.service = quoted(config.metrics().service());
        this.sources = sources;
        this.index = index;
        this.out = System.out;
    }

    /** Records one ingest run. */
    public void ingested(IngestRun run) {
        if (!enabled) {
            return;
        }
        StringBuilder record = new StringBuilder(640);
        head(record, System.currentTimeMillis(), "[\"Service\"]", run.failed() ? OF_A_FAILED_INGEST : OF_AN_INGEST);
        value(record, Metric.INGEST_RUNS, 1);
        value(record, Metric.INGEST_FAILURES, run.failed() ? 1 : 0);
        value(record, Metric.INGEST_DURATION, run.durationMs());
        if (!run.failed()) {
            value(record, Metric.FEEDS_READ, run.feedsRead());
            value(record, Metric.FEEDS_NOT_MODIFIED, run.feedsNotModified());
            value(record, Metric.FEEDS_FAILED, run.feedsFailed());
            value(record, Metric.FILES_READ, run.filesRead());
            value(record, Metric.FILES_NOT_MODIFIED, run.filesNotModified());
            value(record, Metric.FILES_SKIPPED, run.filesSkipped());
            value(record, Metric.INDEX_BYTES, run.indexBytes());
            value(record, Metric.INDEX_DOCUMENTS, run.indexDocuments());
        }
        out.print(record.append("}\n"));
        out.flush();
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
        int statusClass = status / 100;
        StringBuilder records = new StringBuilder(320 * (1 + (summaries == null ? 0 : summaries.size())));
        PublishedIndex.Loaded loaded = index.current().loaded();
        head(records, now, "[\"Service\"]", loaded == null ? OF_A_SEARCH : OF_A_SEARCH_WITH_AN_INDEX);
        value(records, Metric.SEARCHES, 1);
        value(records, Metric.SEARCH_LATENCY, latencyMs);
        value(records, Metric.CLIENT_ERRORS, statusClass == 4 ? 1 : 0);
        value(records, Metric.SERVER_ERRORS, statusClass == 5 ? 1 : 0);
        if (loaded != null) {
            value(records, Metric.INDEX_AGE, Math.max(0, (now - loaded.built().toEpochMilli()) / 1000));
        }
        records.append(",\"StatusClass\":\"").append(statusClass).append("xx\",\"Mode\":\"")
                .append(partial ? "partial" : "group").append("\",\"Face\":\"").append(face.text).append("\"}\n");
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
        boolean called = status == SourceStatus.OK || status == SourceStatus.FAILED || status == SourceStatus.TIMED_OUT;
        head(records, now, "[\"Service\",\"Source\"]", called ? OF_A_CALLED_SOURCE : OF_A_SOURCE_NOT_CALLED);
        records.append(",\"Source\":").append(quoted(summary.id()));
        if (called) {
            value(records, Metric.SOURCE_LATENCY, summary.elapsedMs());
        }
        value(records, Metric.SOURCE_FAILURES, status == SourceStatus.FAILED ? 1 : 0);
        value(records, Metric.SOURCE_TIMEOUTS, status == SourceStatus.TIMED_OUT ? 1 : 0);
        value(records, Metric.SOURCE_SUSPENSIONS, status == SourceStatus.SUSPENDED ? 1 : 0);
        value(records, Metric.SOURCE_STALE_ANSWERS, Boolean.TRUE.equals(summary.stale()) ? 1 : 0);
        records.append(",\"Outcome\":\"").append(status).append("\"}\n");
    }

    /** The record's start: the metadata, then the Service dimension; members follow with a leading comma. */
    private void head(StringBuilder records, long now, String dimensions, List<Metric> metrics) {
        records.append("{\"_aws\":{\"Timestamp\":").append(now)
                .append(",\"CloudWatchMetrics\":[{\"Namespace\":\"").append(NAMESPACE)
                .append("\",\"Dimensions\":[").append(dimensions).append("],\"Metrics\":[");
        for (int i = 0; i < metrics.size(); i++) {
            records.append(i == 0 ? "" : ",").append(metrics.get(i).definition);
        }
        records.append("]}]},\"Service\":").append(service);
    }

    private static void value(StringBuilder records, Metric metric, long value) {
        records.append(",\"").append(metric.metricName).append("\":").append(value);
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
