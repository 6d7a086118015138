package dev.podcastsearch;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import dev.podcastsearch.support.JsonTexts;
import dev.podcastsearch.support.lambda.FunctionLauncher;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.Invocation;
import dev.podcastsearch.support.lambda.InvocationResult;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.PackagedFunction;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.PodcastApiStubs;

/**
 * The deployment package under {@code AWS_LAMBDA_MAX_CONCURRENCY}, as on Lambda Managed Instances: the runtime client
 * polls with several threads and one JVM serves several invocations at once. Dozens of searches, each for its own
 * query, are queued together; the stand-ins answer each with hits that name the query, after a delay long enough
 * for the invocations to overlap. Every answer must come back, to its own request id, with its own results.
 */
@Timeout(120)
class ConcurrentInvocationsIT {

    static final int MAX_CONCURRENCY = 8;
    static final int SEARCHES = 48;
    static final Duration UPSTREAM_DELAY = Duration.ofMillis(200);

    static PodcastApiStubs stubs;
    static LambdaRuntimeApi runtimeApi;
    static RunningFunction function;
    static PackagedFunction packaged;
    static final Map<String, InvocationResult> resultsByQuery = new LinkedHashMap<>();

    @BeforeAll
    static void runManySearchesAtOnce() throws Exception {
        packaged = PackagedFunction.prepare("ConcurrentInvocationsIT", answers -> answers.echoEveryQuery(UPSTREAM_DELAY))
                .launch(FunctionLauncher.forPackage(PackagedFunction.PACKAGE),
                        launcher -> launcher.maxConcurrency(MAX_CONCURRENCY));
        stubs = packaged.stubs();
        runtimeApi = packaged.runtimeApi();
        function = packaged.function();
        Duration toFirstPoll = function.timeToFirstPoll().orElseThrow();

        long started = System.nanoTime();
        Map<String, Invocation> invocations = new LinkedHashMap<>();
        for (String query : queries()) {
            invocations.put(query, runtimeApi.invoke(HttpApiEvents.search(query)));
        }
        invocations.forEach((query, invocation) -> resultsByQuery.put(query, invocation.await(Duration.ofSeconds(60))));
        Duration wall = Duration.ofNanos(System.nanoTime() - started);

        List<Duration> runTimes = sorted(resultsByQuery.values().stream().map(InvocationResult::runTime).toList());
        List<Duration> turnarounds = sorted(resultsByQuery.values().stream().map(InvocationResult::turnaround).toList());
        System.out.printf("Concurrent invocations (AWS_LAMBDA_MAX_CONCURRENCY=%d, %d searches queued at once, upstream delay %d ms): "
                + "launch -> first poll %d ms; all answered in %d ms; run time median %d ms, max %d ms; "
                + "turnaround median %d ms, max %d ms; max in flight %d, max waiting polls %d%n",
                MAX_CONCURRENCY, SEARCHES, UPSTREAM_DELAY.toMillis(), toFirstPoll.toMillis(), wall.toMillis(),
                median(runTimes).toMillis(), max(runTimes).toMillis(), median(turnarounds).toMillis(), max(turnarounds).toMillis(),
                runtimeApi.maxInFlight(), runtimeApi.maxWaitingPolls());
    }

    @AfterAll
    static void stop() {
        if (packaged != null) {
            packaged.close();
        }
    }

    @Test
    void everySearchIsAnsweredWithItsOwnQueryAndResults() {
        assertThat(resultsByQuery).hasSize(SEARCHES);
        resultsByQuery.forEach((query, result) -> {
            if (result.outcome() != InvocationResult.Outcome.RESPONSE) {
                throw function.failure("search '" + query + "' failed in the runtime: " + result.errorType() + ": " + result.body());
            }
            ProxyResponse response = result.proxyResponse();
            assertThat(response.statusCode()).as(query).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("query").asText()).as(query).isEqualTo(query);
            assertThat(JsonTexts.of(body.get("keywords"))).as(query).containsExactly(query);
            assertThat(JsonTexts.of(body.get("results").findValues("title"))).as(query)
                    .containsExactly("Python Bytes on " + query, "Talk Python on " + query);
        });
    }

    @Test
    void invocationsOverlapInTheOneJvm() {
        // Without overlap this test would prove nothing about concurrency: the runtime client must have polled with
        // several threads and held several invocations at once.
        assertThat(runtimeApi.maxWaitingPolls()).isGreaterThan(1);
        assertThat(runtimeApi.maxInFlight()).isGreaterThan(1).isLessThanOrEqualTo(MAX_CONCURRENCY);
    }

    @Test
    void runtimeAnswersEachRequestIdOnceAndNothingElse() {
        assertThat(runtimeApi.answerCount()).isEqualTo(SEARCHES);
        assertThat(runtimeApi.protocolViolations()).isEmpty();
        assertThat(runtimeApi.initErrors()).isEmpty();
    }

    @Test
    void eachSourceIsAskedOnceForEverySearch() {
        assertThat(stubs.receivedQueries(TALK_PYTHON)).containsExactlyInAnyOrderElementsOf(queries());
        assertThat(stubs.receivedQueries(PYTHON_BYTES)).containsExactlyInAnyOrderElementsOf(queries());
    }

    private static List<String> queries() {
        return IntStream.rangeClosed(1, SEARCHES).mapToObj(i -> String.format("concurrent search %02d", i)).toList();
    }

    private static List<Duration> sorted(List<Duration> durations) {
        return durations.stream().sorted(Comparator.naturalOrder()).toList();
    }

    private static Duration median(List<Duration> sorted) {
        return sorted.get(sorted.size() / 2);
    }

    private static Duration max(List<Duration> sorted) {
        return sorted.get(sorted.size() - 1);
    }
}
