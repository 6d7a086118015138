package dev.podcastsearch;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.WireMock;

import dev.podcastsearch.support.EmfRecords;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.PackagedFunction;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.PodcastApiStubs;

/**
 * The deployment package under AWS's runtime client, started as SnapStart starts it (priming included), writes
 * CloudWatch Embedded Metric Format records on its standard output: none for priming's own requests, and for each
 * search one record of the search and one per source, each valid against the format's schema and carrying the figures
 * of the answer it belongs to.
 */
@Timeout(180)
class MetricsIT {

    static final Duration ANSWER_LIMIT = Duration.ofSeconds(30);

    static PodcastApiStubs stubs;
    static LambdaRuntimeApi runtimeApi;
    static RunningFunction function;
    static PackagedFunction packaged;
    static List<JsonNode> recordsAfterPriming;
    static JsonNode groupAnswer;
    static List<JsonNode> groupRecords;
    static JsonNode partialAnswer;
    static List<JsonNode> partialRecords;
    static List<JsonNode> refusedRecords;
    static List<JsonNode> pageRecords;
    static List<JsonNode> skippingRecords;

    @BeforeAll
    static void searchInEveryWay() throws Exception {
        packaged = PackagedFunction.launch("MetricsIT", launcher -> launcher
                .environment("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")
                .environment("SEARCH_METRICS_SERVICE", "metrics-it"));
        stubs = packaged.stubs();
        runtimeApi = packaged.runtimeApi();
        function = packaged.function();
        recordsAfterPriming = records();

        groupAnswer = search(Map.of("q", "pydantic")).json();
        groupRecords = newRecords(recordsAfterPriming.size());

        stubs.talkPython().stubFor(PodcastApiStubs.search(".*", 1).willReturn(WireMock.aResponse().withStatus(500)));
        partialAnswer = search(Map.of("q", "pydantic", "partial", "true")).json();
        partialRecords = newRecords(recordsAfterPriming.size() + groupRecords.size());

        ProxyResponse refused = search(Map.of("q", "pydantic", "category", "nope"));
        assertThat(refused.statusCode()).isEqualTo(400);
        int before = recordsAfterPriming.size() + groupRecords.size() + partialRecords.size();
        refusedRecords = newRecords(before);

        ProxyResponse page = function.answer(HttpApiEvents.get("$default", "/", "q=fastapi", "text/html"), ANSWER_LIMIT)
                .proxyResponse();
        assertThat(page.statusCode()).isEqualTo(200);
        pageRecords = newRecords(before + refusedRecords.size());

        // Talk Python, which fails by now, is left out, so skipped: never called.
        ProxyResponse skipping = search(Map.of("q", "pydantic", "sources", "pythonbytes"));
        assertThat(skipping.statusCode()).isEqualTo(200);
        skippingRecords = newRecords(before + refusedRecords.size() + pageRecords.size());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] { packaged }) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void primingWritesNoMetricButItsRequestsWentThroughTheFront() {
        assertThat(function.output()).contains("primed the search path");
        assertThat(recordsAfterPriming).isEmpty();
    }

    @Test
    void everyRecordIsValidEmbeddedMetricFormat() {
        List<JsonNode> all = records();
        assertThat(all).hasSize(groupRecords.size() + partialRecords.size() + refusedRecords.size() + pageRecords.size()
                + skippingRecords.size());
        all.forEach(record -> EmfRecords.assertValid(record, "metrics-it"));
    }

    @Test
    void aGroupSearchHasARecordOfItsOwnAndOnePerSourceWithTheAnswersFigures() {
        JsonNode search = groupRecords.get(0);
        assertThat(search.get("Searches").asInt()).isEqualTo(1);
        assertThat(search.get("StatusClass").asText()).isEqualTo("2xx");
        assertThat(search.get("Mode").asText()).isEqualTo("group");
        assertThat(search.get("Face").asText()).isEqualTo("api");
        assertThat(search.get("ServerErrors").asInt() + search.get("ClientErrors").asInt()).isZero();
        assertThat(search.get("SearchLatency").asLong()).isGreaterThanOrEqualTo(groupAnswer.get("elapsed_ms").asLong());
        assertSourcesMatch(groupRecords.subList(1, groupRecords.size()), groupAnswer);
    }

    @Test
    void aFailedSourceInAPartialSearchIsCountedAsAFailure() {
        assertThat(partialRecords.get(0).get("Mode").asText()).isEqualTo("partial");
        JsonNode talkPython = sourceRecord(partialRecords, TALK_PYTHON);
        assertThat(talkPython.get("Outcome").asText()).isEqualTo("failed");
        assertThat(talkPython.get("SourceFailures").asInt()).isEqualTo(1);
        assertSourcesMatch(partialRecords.subList(1, partialRecords.size()), partialAnswer);
    }

    @Test
    void refusedInputCountsAsAClientErrorWithNoSourceRecord() {
        assertThat(refusedRecords).hasSize(1);
        assertThat(refusedRecords.get(0).get("ClientErrors").asInt()).isEqualTo(1);
        assertThat(refusedRecords.get(0).get("StatusClass").asText()).isEqualTo("4xx");
    }

    @Test
    void aSearchFromThePageIsCountedAsThePagesAndPartial() {
        assertThat(pageRecords.get(0).get("Face").asText()).isEqualTo("page");
        assertThat(pageRecords.get(0).get("Mode").asText()).isEqualTo("partial");
        assertThat(pageRecords.get(0).get("StatusClass").asText()).isEqualTo("2xx");
        assertThat(pageRecords).as("the search's record and one per source").hasSize(3);
    }

    @Test
    void aSkippedSourceIsRecordedAsSkippedWithNoLatencyAndNoFailure() {
        JsonNode talkPython = sourceRecord(skippingRecords, TALK_PYTHON);
        assertThat(talkPython.get("Outcome").asText()).isEqualTo("skipped");
        assertThat(talkPython.has("SourceLatency")).isFalse();
        assertThat(talkPython.get("_aws").toString()).doesNotContain("SourceLatency");
        assertThat(talkPython.get("SourceFailures").asInt() + talkPython.get("SourceTimeouts").asInt()
                + talkPython.get("SourceSuspensions").asInt()).isZero();
        assertThat(skippingRecords.get(0).get("ServerErrors").asInt()).isZero();
    }

    private static void assertSourcesMatch(List<JsonNode> sourceRecords, JsonNode answer) {
        assertThat(sourceRecords).hasSize(answer.get("sources").size());
        for (JsonNode source : answer.get("sources")) {
            JsonNode record = sourceRecord(sourceRecords, source.get("id").asText());
            assertThat(record.get("Outcome").asText()).isEqualTo(source.get("status").asText());
            assertThat(record.get("SourceLatency").asLong()).isEqualTo(source.get("elapsed_ms").asLong());
        }
    }

    private static JsonNode sourceRecord(List<JsonNode> records, String id) {
        return records.stream().filter(record -> id.equals(record.path("Source").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no record for " + id + " in " + records));
    }

    private static ProxyResponse search(Map<String, String> parameters) {
        return function.answer(HttpApiEvents.search(parameters), ANSWER_LIMIT).proxyResponse();
    }

    /** The records written after the first {@code from}, once the last of them has been printed. */
    private static List<JsonNode> newRecords(int from) throws InterruptedException {
        List<JsonNode> all = records();
        for (int wait = 0; wait < 50 && all.size() == from; wait++) {
            Thread.sleep(20);
            all = records();
        }
        return all.subList(from, all.size());
    }

    private static List<JsonNode> records() {
        return EmfRecords.of(function.output());
    }
}
