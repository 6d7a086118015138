package dev.podcastsearch.invoke;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.search;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.support.JsonTexts;
import dev.podcastsearch.support.lambda.InvocationResult;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.PackagedFunction;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.PodcastApiStubs;

/**
 * Issue 24: another app invokes {@code target/function.zip} with a plain search request, under AWS's runtime client,
 * and gets the search answer itself as the result, or a function error named for what went wrong, without a stack
 * trace.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchInvocationIT {

    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    static PodcastApiStubs stubs;
    static LambdaRuntimeApi runtimeApi;
    static RunningFunction function;
    static PackagedFunction packaged;

    @BeforeAll
    static void launch() throws Exception {
        packaged = PackagedFunction.launch("SearchInvocationIT", launcher -> launcher
                .environment("SEARCH_TIMEOUT", "2s")
                // Only Python Bytes is ever suspended, by its own Retry-After, in the last test.
                .environment("SEARCH_SUSPENSION_ENABLED", "false")
                .environment("SEARCH_SOURCES_PYTHONBYTES_SUSPENSION_ENABLED", "true"));
        stubs = packaged.stubs();
        runtimeApi = packaged.runtimeApi();
        function = packaged.function();
        stubs.talkPython().stubFor(search("broken", 1).willReturn(aResponse().withStatus(500)));
        stubs.talkPython().stubFor(search("everything broken", 1).willReturn(aResponse().withStatus(500)));
        stubs.pythonBytes().stubFor(search("everything broken", 1).willReturn(aResponse().withStatus(500)));
        stubs.pythonBytes().stubFor(search("busy", 1)
                .willReturn(aResponse().withStatus(503).withHeader("Retry-After", "600")));
        stubs.talkPython().stubFor(search("slow", 1).willReturn(aResponse().withFixedDelay(4_000).withStatus(500)));
    }

    @AfterAll
    static void stop() {
        if (packaged != null) {
            packaged.close();
        }
    }

    @Test
    void plainRequestIsAnsweredWithTheSearchResponseItself() throws Exception {
        InvocationResult result = invoke("{\"q\": \"pydantic\", \"category\": \"all\", \"limit\": 3}");

        assertThat(result.outcome()).isEqualTo(InvocationResult.Outcome.RESPONSE);
        JsonNode answer = JSON.readTree(result.body());
        assertThat(answer.has("statusCode")).isFalse();
        assertThat(answer.get("query").asText()).isEqualTo("pydantic");
        assertThat(answer.get("category").asText()).isEqualTo("all");
        assertThat(answer.get("limit").asInt()).isEqualTo(3);
        assertThat(answer.get("results")).hasSize(3);
        assertThat(JsonTexts.of(answer.get("sources").findValues("id"))).containsExactly(PYTHON_BYTES, TALK_PYTHON);
    }

    /** The new parameters in their JSON types: a source left out is skipped, explain adds the fusion's numbers. */
    @Test
    void sourcesSortAndExplainAreTakenFromTheRequest() throws Exception {
        InvocationResult result = invoke("{\"q\": \"pydantic\", \"sources\": \"talkpython\", \"sort\": \"newest\","
                + " \"explain\": true, \"limit\": 2}");

        assertThat(result.outcome()).isEqualTo(InvocationResult.Outcome.RESPONSE);
        JsonNode answer = JSON.readTree(result.body());
        assertThat(JsonTexts.of(answer.get("sources").findValues("status"))).containsExactly("skipped", "ok");
        assertThat(answer.get("sources").get(0).get("reason").asText()).isEqualTo("not in sources");
        assertThat(answer.get("results")).hasSize(2).allSatisfy(hit -> {
            assertThat(hit.get("source").asText()).isEqualTo(TALK_PYTHON);
            assertThat(hit.get("score").isNumber()).isTrue();
        });
        assertThat(answer.get("results").get(1).get("ranks").get(TALK_PYTHON).asInt()).isEqualTo(2);
    }

    /** Neither search API can tell a date or a duration: both are skipped, and the answer is complete and empty. */
    @Test
    void filtersNoSourceCanApplyAnswerCompleteAndEmptyWithoutCallingOne() throws Exception {
        int sourceCalls = sourceCalls();

        InvocationResult result = invoke("{\"q\": \"pydantic\", \"min_duration\": 600,"
                + " \"published_after\": \"2024-01-01\"}");

        assertThat(result.outcome()).isEqualTo(InvocationResult.Outcome.RESPONSE);
        JsonNode answer = JSON.readTree(result.body());
        assertThat(answer.get("complete").asBoolean()).isTrue();
        assertThat(answer.get("total").asInt()).isZero();
        assertThat(JsonTexts.of(answer.get("sources").findValues("reason")))
                .containsOnly("cannot apply published_after, min_duration");
        assertThat(sourceCalls()).isEqualTo(sourceCalls);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{\"q\": \"\"}|q|q is required",
            "{\"q\": \"rust\", \"limit\": 0}|limit|limit must be a whole number from 1 to 100",
            "{\"q\": \"rust\", \"limit\": 1.5}|limit|limit must be a whole number from 1 to 100",
            "{\"q\": \"rust\", \"offset\": -1}|offset|offset must be a whole number from 0 to 1000",
            "{\"q\": \"rust\", \"partial\": \"yes\"}|partial|partial must be true or false",
            "{\"q\": \"rust\", \"category\": \"video\"}|category|episode, transcript, chapter or all",
            "{\"q\": \"rust\", \"published_after\": \"yesterday\"}|published_after|must be an RFC 3339 date",
            "{\"q\": \"rust\", \"published_before\": 2024}|published_before|must be an RFC 3339 date",
            "{\"q\": \"rust\", \"min_duration\": -1}|min_duration|from 0 to 86400",
            "{\"q\": \"rust\", \"max_duration\": 90000}|max_duration|from 0 to 86400",
            "{\"q\": \"rust\", \"sources\": \"youtube\"}|sources|each one of pythonbytes, talkpython",
            "{\"q\": \"rust\", \"sources\": [\"talkpython\"]}|sources|each one of pythonbytes, talkpython",
            "{\"q\": \"rust\", \"sort\": \"date\"}|sort|sort must be relevance or newest",
            "{\"q\": \"rust\", \"explain\": 1}|explain|explain must be true or false" })
    void parameterBreakingItsRuleIsAnInvalidParameterErrorAndCallsNoSource(String request, String parameter, String detail)
            throws Exception {
        int sourceCalls = sourceCalls();

        InvocationResult result = invoke(request);

        JsonNode error = assertError(result, "dev.podcastsearch.invoke.SearchError$InvalidParameter");
        JsonNode problem = JSON.readTree(error.get("errorMessage").asText());
        assertThat(problem.get("parameter").asText()).isEqualTo(parameter);
        assertThat(problem.get("detail").asText()).contains(detail);
        assertThat(sourceCalls()).isEqualTo(sourceCalls);
    }

    @Test
    void failingSourceIsASourceFailedError() throws Exception {
        JsonNode error = assertError(invoke("{\"q\": \"broken\"}"), "dev.podcastsearch.invoke.SearchError$SourceFailed");

        assertThat(JSON.readTree(error.get("errorMessage").asText()).get("source").asText()).isEqualTo(TALK_PYTHON);
    }

    @Test
    void searchPastItsDeadlineIsATimedOutError() throws Exception {
        assertError(invoke("{\"q\": \"slow\"}"), "dev.podcastsearch.invoke.SearchError$TimedOut");
    }

    @Test
    void partialAnswerIsAResultNotAnError() throws Exception {
        InvocationResult result = invoke("{\"q\": \"broken\", \"partial\": true}");

        assertThat(result.outcome()).isEqualTo(InvocationResult.Outcome.RESPONSE);
        JsonNode answer = JSON.readTree(result.body());
        assertThat(answer.get("complete").asBoolean()).isFalse();
        assertThat(JsonTexts.of(answer.get("sources").findValues("id"))).contains(TALK_PYTHON);
    }

    @Test
    void partialSearchThatNoSourceAnsweredIsANoSourceAnsweredError() throws Exception {
        assertError(invoke("{\"q\": \"everything broken\", \"partial\": true}"),
                "dev.podcastsearch.invoke.SearchError$NoSourceAnswered");
    }

    /** An event that is neither a search request nor an HTTP event is refused as before, with a problem. */
    @Test
    void eventWithoutAStringQIsStillUnreadable() {
        InvocationResult result = invoke("{\"q\": 5}");

        assertThat(result.outcome()).isEqualTo(InvocationResult.Outcome.RESPONSE);
        assertThat(result.proxyResponse().statusCode()).isEqualTo(400);
        assertThat(result.proxyResponse().json().get("type").asText()).isEqualTo("urn:podcast-search:problem:unreadable-event");
    }

    /** Last: it leaves Python Bytes suspended for ten minutes, as it asked. */
    @Test
    @Order(Integer.MAX_VALUE)
    void searchWithASuspendedSourceIsASourcesSuspendedError() throws Exception {
        invoke("{\"q\": \"busy\"}");

        JsonNode error = assertError(invoke("{\"q\": \"pydantic\"}"), "dev.podcastsearch.invoke.SearchError$SourcesSuspended");
        assertThat(JSON.readTree(error.get("errorMessage").asText()).get("source").asText()).isEqualTo(PYTHON_BYTES);
    }

    /**
     * The Step Functions example in deploy/invoke (which the README shows): its Payload is answered with a result its
     * ResultSelector's paths find, and every error name its Retry and Catch match on is one the function throws, the
     * caught one exactly as an invalid request is reported.
     */
    @Test
    void theStepFunctionsExampleSendsARequestTheFunctionAnswersAndMatchesItsErrorNames() throws Exception {
        JsonNode task = JSON.readTree(Files.readString(Path.of("deploy", "invoke", "search-state-machine.asl.json")))
                .get("States").get("Search");

        InvocationResult result = invoke(JSON.writeValueAsString(task.get("Parameters").get("Payload")));
        assertThat(result.outcome()).isEqualTo(InvocationResult.Outcome.RESPONSE);
        JsonNode answer = JSON.readTree(result.body());
        assertThat(answer.get("results").get(0).get("title").asText()).isNotBlank();
        assertThat(answer.get("total").isNumber()).isTrue();

        List<String> names = new ArrayList<>();
        task.get("Retry").forEach(retry -> retry.get("ErrorEquals").forEach(name -> names.add(name.asText())));
        task.get("Catch").forEach(caught -> caught.get("ErrorEquals").forEach(name -> names.add(name.asText())));
        for (String name : names) {
            assertThat(SearchError.class.isAssignableFrom(Class.forName(name))).as(name).isTrue();
        }
        String caught = task.get("Catch").get(0).get("ErrorEquals").get(0).asText();
        assertError(invoke("{\"q\": \"\"}"), caught);
    }

    /**
     * The runtime's error document, which Lambda hands the caller (and Step Functions matches on): the name asked for,
     * and no stack trace of ours. The Runtime API's error-type header only says that the handler threw.
     */
    private static JsonNode assertError(InvocationResult result, String errorType) throws Exception {
        assertThat(result.outcome()).as(result.body()).isEqualTo(InvocationResult.Outcome.ERROR);
        assertThat(result.errorType()).isEqualTo("Runtime.UserException");
        JsonNode error = JSON.readTree(result.body());
        assertThat(error.get("errorType").asText()).isEqualTo(errorType);
        assertThat(error.path("stackTrace")).isEmpty();
        assertThat(result.body()).doesNotContain("dev.podcastsearch.lambda", "io.quarkus", "at java.");
        return error;
    }

    private static int sourceCalls() {
        return stubs.talkPython().getAllServeEvents().size() + stubs.pythonBytes().getAllServeEvents().size();
    }

    private static InvocationResult invoke(String event) {
        return runtimeApi.invoke(event).await(ANSWER_LIMIT);
    }
}
