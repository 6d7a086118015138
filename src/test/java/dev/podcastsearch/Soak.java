package dev.podcastsearch;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import dev.podcastsearch.support.JsonTexts;
import dev.podcastsearch.support.lambda.InvocationResult;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.soak.InjectedFault;
import dev.podcastsearch.support.soak.SoakReport.Result;
import dev.podcastsearch.support.soak.SoakReport;
import dev.podcastsearch.support.soak.SoakRun;

/**
 * What a soak of the deployment package must show: thousands of searches, one in ten failing on purpose, all
 * answered right, each fault cancelling the sibling still in flight, and the function process ending the run
 * holding what it held after the warm-up: sockets, threads, heap, and speed.
 *
 * <p>
 * By default a short run: {@value #DEFAULT_INVOCATIONS} searches after a warm-up of {@value #DEFAULT_WARM_UP}.
 * {@code ./mvnw verify -Psoak} measures 10 000; {@code -Dsoak.invocations=N} and {@code -Dsoak.warm-up=N} set
 * any size. Figures go to {@code target/soak/}, the function's log to {@code target/function-logs/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Soak {

    static final int DEFAULT_INVOCATIONS = 1500;
    static final int DEFAULT_WARM_UP = 500;

    SoakReport report;

    /** The run to make; {@link #runSoak} sets its size. */
    abstract SoakRun soak();

    @BeforeAll
    void runSoak() throws IOException {
        report = soak()
                .warmUp(Integer.getInteger("soak.warm-up", DEFAULT_WARM_UP))
                .invocations(Integer.getInteger("soak.invocations", DEFAULT_INVOCATIONS))
                .run()
                .publish();
    }

    @Test
    void everySearchIsAnsweredOnceByTheFunction() {
        assertThat(report.results()).allSatisfy(result -> assertThat(result.invocation().outcome())
                .as("%s: %s", result.search().query(), result.invocation().body())
                .isEqualTo(InvocationResult.Outcome.RESPONSE));
        assertThat(report.answerCount()).isEqualTo(report.results().size());
        assertThat(report.protocolViolations()).isEmpty();
        assertThat(report.initErrors()).isEmpty();
    }

    @Test
    void everyHealthySearchIsAnsweredWithItsOwnQueryAndResults() {
        List<String> mismatches = new ArrayList<>();
        for (Result result : healthy()) {
            String query = result.search().query();
            ProxyResponse response = result.invocation().proxyResponse();
            JsonNode body = response.statusCode() == 200 ? response.json() : null;
            if (body == null
                    || !body.path("complete").asBoolean()
                    || !body.path("query").asText().equals(query)
                    || !JsonTexts.of(body.get("keywords")).equals(List.of(query))
                    || !JsonTexts.of(body.path("sources").findValues("id")).equals(List.of(PYTHON_BYTES, TALK_PYTHON))
                    || !JsonTexts.of(body.path("results").findValues("title"))
                            .equals(List.of("Python Bytes on " + query, "Talk Python on " + query))) {
                mismatches.add(query + " -> " + response.statusCode() + " " + response.decodedBody());
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void everyFaultIsAnsweredWithItsStatusNamingTheFaultySource() {
        List<String> mismatches = new ArrayList<>();
        for (Result result : faults()) {
            InjectedFault fault = result.search().fault();
            String sourceId = result.search().faultySourceId();
            ProxyResponse response = result.invocation().proxyResponse();
            JsonNode problem = response.json();
            if (result.search().partial()) {
                if (!answersWithoutTheFaultySource(response, sourceId, fault)) {
                    mismatches.add(result.search().query() + " -> " + response.statusCode() + " " + response.decodedBody());
                }
                continue;
            }
            boolean namesSource = fault == InjectedFault.SLOW
                    ? JsonTexts.of(problem.get("pending_sources")).equals(List.of(sourceId))
                    : problem.path("source").asText().equals(sourceId);
            if (response.statusCode() != fault.expectedStatus() || problem.path("status").asInt() != fault.expectedStatus()
                    || !response.header("content-type").startsWith("application/problem+json") || !namesSource) {
                mismatches.add(result.search().query() + " -> " + response.statusCode() + " " + response.decodedBody());
            }
        }
        assertThat(mismatches).isEmpty();
    }

    /** A partial search with a fault: 200, the faulty source failed or timed out, the other answered. */
    private static boolean answersWithoutTheFaultySource(ProxyResponse response, String faultySourceId, InjectedFault fault) {
        if (response.statusCode() != 200 || !"no-store".equals(response.header("cache-control"))) {
            return false;
        }
        JsonNode body = response.json();
        String expected = fault == InjectedFault.SLOW ? "timed_out" : "failed";
        boolean statuses = true;
        for (JsonNode source : body.path("sources")) {
            String status = source.path("status").asText();
            statuses &= source.path("id").asText().equals(faultySourceId) ? status.equals(expected) : status.equals("ok");
        }
        return statuses && !body.path("complete").asBoolean(true) && body.path("results").size() == 1;
    }

    @Test
    void healthySearchesAskEachSourceExactlyOnce() {
        for (Map.Entry<String, Map<String, Long>> source : report.requestsPerQueryBySource().entrySet()) {
            List<String> notOnce = healthy().stream()
                    .map(result -> result.search().query())
                    .filter(query -> source.getValue().getOrDefault(query, 0L) != 1)
                    .map(query -> query + " x" + source.getValue().getOrDefault(query, 0L))
                    .toList();
            assertThat(notOnce).as(source.getKey()).isEmpty();
        }
    }

    @Test
    void functionLogsNoError() {
        // Each injected fault is logged once, as a warning naming the source; an error would be a failure of its own.
        assertThat(report.errorLogRecords()).isEmpty();
    }

    @Test
    void everyFaultCancelsTheSiblingStillInFlight() {
        // A sibling left running would only be closed by the read timeout, a whole search timeout after it started;
        // half of that tells the two apart with room to spare.
        Duration limit = report.searchTimeout().dividedBy(2);
        List<String> notCancelled = new ArrayList<>();
        for (Result result : faults()) {
            if (!result.search().holdsARequest() || result.search().fault() == InjectedFault.SLOW) {
                continue;
            }
            boolean cancelled = result.held() != null && result.held().cancelled()
                    && result.cancellationLag().orElseThrow().compareTo(limit) < 0;
            if (!cancelled) {
                notCancelled.add(result.search().query() + ": " + result.held() + ", lag " + result.cancellationLag());
            }
        }
        assertThat(notCancelled).isEmpty();
    }

    @Test
    void slowSourceIsCancelledAtTheDeadline() {
        Duration limit = report.searchTimeout().plusSeconds(1);
        List<String> notCancelled = faults().stream()
                .filter(result -> result.search().fault() == InjectedFault.SLOW)
                .filter(result -> result.held() == null || !result.held().cancelled()
                        || result.held().duration().compareTo(limit) > 0)
                .map(result -> result.search().query() + ": " + result.held())
                .toList();
        assertThat(notCancelled).isEmpty();
    }

    @Test
    void openSocketsStayFlat() {
        assertThat(report.atEnd().sockets()).as("sockets at end (after warm-up: %s)", report.afterWarmUp().socketsByPeer())
                .isLessThanOrEqualTo(report.socketLimit());
    }

    @Test
    void threadsStayFlat() {
        assertThat(report.atEnd().threads()).isLessThanOrEqualTo(report.threadLimit());
    }

    @Test
    void liveHeapStaysFlat() {
        assertThat(report.atEnd().liveHeapKb()).isLessThanOrEqualTo(report.heapLimitKb());
    }

    @Test
    void lastSearchesAreNoSlowerThanTheFirst() {
        assertThat(SoakReport.percentile(report.lastRunTimes(), 50)).isLessThanOrEqualTo(report.latencyLimit());
    }

    private List<Result> healthy() {
        return report.results().stream().filter(result -> result.search().healthy()).toList();
    }

    private List<Result> faults() {
        return report.results().stream().filter(result -> !result.search().healthy()).toList();
    }
}
