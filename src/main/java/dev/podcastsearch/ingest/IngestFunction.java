package dev.podcastsearch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.metrics.SearchMetrics;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.Quarkus;

/**
 * The ingest's Lambda handler ({@code deploy/template.yaml} names it for the second function, from the same
 * {@code function.zip}): one {@link Ingest} run per invocation, whatever the event (EventBridge Scheduler's, a rule's
 * {@code Scheduled Event}, or {@code {}} from {@code aws lambda invoke}). The run starts no transcript fetch in the
 * last {@link #PUBLISH_MARGIN} of the invocation's time, which is left for writing and publishing the index. A run that
 * fails publishes nothing, and the invocation fails with its reason.
 *
 * <p>
 * Not a {@code RequestStreamHandler}, like {@code lambda/LambdaFront} and for the same reason: Quarkus's Lambda
 * extension refuses a handler class of the application's own besides the HTTP extension's.
 */
public class IngestFunction {

    /** Time kept back at the end of an invocation for writing and uploading the index. */
    static final Duration PUBLISH_MARGIN = Duration.ofSeconds(60);

    public IngestFunction() {
        Quarkus.manualInitialize();
    }

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Quarkus.manualStart();
        Ingest ingest = Arc.container().instance(Ingest.class).get();
        SearchMetrics metrics = Arc.container().instance(SearchMetrics.class).get();
        ObjectMapper json = Arc.container().instance(ObjectMapper.class).get();
        // The event says only that it is time to run; whatever it holds is read and left.
        input.transferTo(OutputStream.nullOutputStream());
        Instant stopBy = Instant.now().plusMillis(context.getRemainingTimeInMillis()).minus(PUBLISH_MARGIN);
        long start = System.nanoTime();
        Ingest.Report report;
        try {
            report = ingest.run(stopBy);
            metrics.ingested(report.metrics());
        } catch (Ingest.Failure e) {
            metrics.ingested(new SearchMetrics.IngestRun(true, (System.nanoTime() - start) / 1_000_000, 0, 0, 0, 0, 0,
                    0, 0, 0));
            // Lambda reports the invocation as failed, with this message: the schedule's failures are counted there.
            throw new IllegalStateException(e.getMessage(), e);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("published", report.etag());
        answer.put("changed", report.changed());
        answer.put("bytes", report.bytes());
        answer.put("documents", report.documents());
        answer.put("took_ms", report.took().toMillis());
        answer.put("feeds", report.feeds());
        output.write(json.writeValueAsBytes(answer));
    }
}
