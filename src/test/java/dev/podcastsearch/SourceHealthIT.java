package dev.podcastsearch;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.json;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.sample;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.search;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import dev.podcastsearch.support.JsonTexts;
import dev.podcastsearch.support.ServerTimingHeader;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.PackagedFunction;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.PodcastApiStubs;

/**
 * Partial answers, per-source statuses, suspension and {@code Server-Timing}, through {@code target/function.zip}
 * under AWS's runtime client, configured by environment variables as the template configures it. Python Bytes'
 * suspension is off, so that its faults can be repeated; Talk Python's is on, with a 1 s delay.
 */
@Timeout(120)
class SourceHealthIT {

    static final Duration SEARCH_TIMEOUT = Duration.ofMillis(1500);
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(20);

    static PodcastApiStubs stubs;
    static LambdaRuntimeApi runtimeApi;
    static RunningFunction function;
    static PackagedFunction packaged;

    @BeforeAll
    static void launchPackagedFunction() throws Exception {
        packaged = PackagedFunction.launch("SourceHealthIT", launcher -> launcher
                .environment("SEARCH_TIMEOUT", SEARCH_TIMEOUT.toMillis() + "ms")
                .environment("SEARCH_SUSPENSION_DELAY", "1s")
                .environment("SEARCH_SOURCES_PYTHONBYTES_SUSPENSION_ENABLED", "false"));
        stubs = packaged.stubs();
        runtimeApi = packaged.runtimeApi();
        function = packaged.function();
        stubs.pythonBytes().stubFor(search("pb fails", 1).willReturn(aResponse().withStatus(500).withFixedDelay(100)));
        stubs.pythonBytes().stubFor(search("pb hangs", 1).willReturn(json(sample(PYTHON_BYTES, "no-hits")).withFixedDelay(5000)));
        stubs.talkPython().stubFor(search("pb .*", 1).willReturn(json(sample(TALK_PYTHON, "pydantic")).withFixedDelay(300)));
        stubs.talkPython().stubFor(search("tp fails", 1).willReturn(aResponse().withStatus(500)));
    }

    @AfterAll
    static void stop() {
        if (packaged != null) {
            packaged.close();
        }
    }

    @Test
    void partialSearchAnswersWithTheSourcesThatAnswered() {
        ProxyResponse response = invoke(Map.of("q", "pb fails", "partial", "true"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("cache-control")).isEqualTo("no-store");
        JsonNode body = response.json();
        assertThat(body.get("complete").asBoolean()).isFalse();
        assertThat(JsonTexts.of(body.get("sources").findValues("status"))).containsExactly("failed", "ok");
        assertThat(body.get("sources").get(0).get("reason").asText()).isEqualTo("answered HTTP 500");
        assertThat(JsonTexts.of(body.get("results").findValues("source"))).containsOnly(TALK_PYTHON).hasSize(3);
        assertThat(ServerTimingHeader.of(response.header("server-timing")).metrics())
                .containsExactly(PYTHON_BYTES, TALK_PYTHON, "total");
    }

    @Test
    void completeSearchCarriesServerTimingAndMayBeCached() {
        ProxyResponse response = invoke(Map.of("q", "pydantic"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("cache-control")).isEqualTo("max-age=60");
        assertThat(response.json().get("complete").asBoolean()).isTrue();
        ServerTimingHeader timing = ServerTimingHeader.of(response.header("server-timing"));
        assertThat(timing.metrics()).containsExactly(PYTHON_BYTES, TALK_PYTHON, "total");
        assertThat(timing.description(TALK_PYTHON)).isEqualTo("Talk Python To Me");
    }

    @Test
    void groupProblemsCarryServerTimingAndEverySourcesStatus() {
        ProxyResponse failed = invoke(Map.of("q", "pb fails"));
        assertThat(failed.statusCode()).isEqualTo(502);
        assertThat(JsonTexts.of(failed.json().get("sources").findValues("status"))).containsExactly("failed", "cancelled");
        assertThat(ServerTimingHeader.of(failed.header("server-timing")).metrics()).containsExactly(PYTHON_BYTES, TALK_PYTHON, "total");

        ProxyResponse timedOut = invoke(Map.of("q", "pb hangs"));
        assertThat(timedOut.statusCode()).isEqualTo(504);
        assertThat(JsonTexts.of(timedOut.json().get("sources").findValues("status"))).containsExactly("timed_out", "ok");
        assertThat(ServerTimingHeader.of(timedOut.header("server-timing")).duration(PYTHON_BYTES))
                .isGreaterThanOrEqualTo(SEARCH_TIMEOUT.toMillis());
    }

    @Test
    void failingSourceIsSuspendedThenTriedAgain() throws InterruptedException {
        ProxyResponse response = invoke(Map.of("q", "tp fails"));
        for (int search = 0; search < 4 && response.statusCode() == 502; search++) {
            response = invoke(Map.of("q", "tp fails"));
        }
        int asked = stubs.receivedQueries(TALK_PYTHON).size();

        assertThat(response.statusCode()).as("suspended within the window of 4 calls").isEqualTo(503);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(response.header("retry-after")).isEqualTo("1");
        assertThat(response.json().get("source").asText()).isEqualTo(TALK_PYTHON);
        assertThat(ServerTimingHeader.of(response.header("server-timing")).metrics()).containsExactly(PYTHON_BYTES, TALK_PYTHON, "total");
        ProxyResponse partial = invoke(Map.of("q", "pydantic", "partial", "true"));
        assertThat(JsonTexts.of(partial.json().get("sources").findValues("status"))).containsExactly("ok", "suspended");
        assertThat(stubs.receivedQueries(TALK_PYTHON)).as("not called while suspended").hasSize(asked);

        TimeUnit.MILLISECONDS.sleep(1200);
        ProxyResponse healthy = invoke(Map.of("q", "pydantic"));
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(stubs.receivedQueries(TALK_PYTHON)).as("the trial call").hasSize(asked + 1);
    }

    private static ProxyResponse invoke(Map<String, String> parameters) {
        return function.answer(HttpApiEvents.search(parameters), ANSWER_LIMIT).proxyResponse();
    }
}
