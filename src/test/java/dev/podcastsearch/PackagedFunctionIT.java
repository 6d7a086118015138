package dev.podcastsearch;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.json;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.sample;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.search;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 * The deployment package, {@code target/function.zip}, run as AWS Lambda runs it: AWS's runtime interface client in
 * a JVM of its own, polling a local Runtime API for the sample events in {@code deploy/events}, with both podcast
 * APIs stood in by WireMock. What is checked is the Lambda proxy response API Gateway would turn into HTTP.
 *
 * <p>
 * One JVM serves every test; its group timeout is short so that the deadline case stays quick.
 */
@Timeout(120)
class PackagedFunctionIT {

    static final Duration SEARCH_TIMEOUT = Duration.ofMillis(1500);
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(20);
    static final String TRICKY_QUERY = "c++ & rust #1 100% ünïcødé";

    static PodcastApiStubs stubs;
    static LambdaRuntimeApi runtimeApi;
    static RunningFunction function;
    static PackagedFunction packaged;
    static InvocationResult coldStart;

    @BeforeAll
    static void launchPackagedFunction() throws Exception {
        packaged = PackagedFunction.prepare("PackagedFunctionIT", answers -> {
            answers.answerWithSamples();
            answers.pythonBytes().stubFor(search("fail fast", 1).willReturn(aResponse().withStatus(503).withFixedDelay(100)));
            answers.talkPython().stubFor(search("fail fast", 1).willReturn(json(sample(TALK_PYTHON, "pydantic")).withFixedDelay(3000)));
            answers.talkPython().stubFor(search("never answers", 1).willReturn(json(sample(TALK_PYTHON, "pydantic")).withFixedDelay(5000)));
            return answers;
        });
        // Queued before launch, as the request that causes a cold start is: it waits for init to finish.
        Invocation first = packaged.runtimeApi().invoke(HttpApiEvents.read("search.json"));
        packaged.launch(FunctionLauncher.forPackage(PackagedFunction.PACKAGE),
                launcher -> launcher.environment("SEARCH_TIMEOUT", SEARCH_TIMEOUT.toMillis() + "ms"));
        stubs = packaged.stubs();
        runtimeApi = packaged.runtimeApi();
        function = packaged.function();
        Duration toFirstPoll = function.timeToFirstPoll().orElseThrow();
        coldStart = first.await(Duration.ofSeconds(60));
        System.out.printf("Packaged function cold start (JVM launch -> first next poll): %d ms; -> first answer: %d ms%n",
                toFirstPoll.toMillis(), function.timeToFirstAnswer().orElseThrow().toMillis());
    }

    @AfterAll
    static void stop() {
        if (packaged != null) {
            packaged.close();
        }
    }

    @Test
    void pageAnswersHtmlWhoseLinksKeepTheStage() {
        ProxyResponse page = invoke(HttpApiEvents.get("prod", "/", "q=pydantic", "text/html,*/*;q=0.8")).proxyResponse();

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(page.decodedBody())
                .contains("href=\"/prod/page.css\"", "action=\"/prod/\"", "value=\"pydantic\"")
                .contains("Talk Python To Me answered: 3 results.", "Python Bytes answered: 2 results.");
    }

    @Test
    void pageSaysARefusedInputBesideItsFieldWithTheApisStatus() {
        ProxyResponse page = invoke(HttpApiEvents.get("$default", "/", "q=rust&category=podcast", "text/html")).proxyResponse();

        // A 400 of the page's own, passed on by the front as HTML: it replaces only error answers nobody wrote for people.
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.decodedBody()).contains("id=\"category-error\">The category must be one of episode, transcript, chapter or all");
    }

    @Test
    void quarkusErrorPageIsStillReplacedByAProblem() {
        ProxyResponse answer = invoke(HttpApiEvents.get("$default", "/nothing", "", "text/html")).proxyResponse();

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void pageStylesheetIsServedUnderTheStage() {
        ProxyResponse stylesheet = invoke(HttpApiEvents.get("prod", "/page.css", "", "text/css,*/*;q=0.1")).proxyResponse();

        assertThat(stylesheet.statusCode()).isEqualTo(200);
        assertThat(stylesheet.header("Content-Type")).startsWith("text/css");
        assertThat(stylesheet.decodedBody()).contains(":focus-visible");
    }

    @Test
    void openApiDocumentIsServedAsYamlAndJson() throws Exception {
        ProxyResponse yaml = invoke(HttpApiEvents.get("$default", "/openapi", "", "*/*")).proxyResponse();
        ProxyResponse json = invoke(HttpApiEvents.get("$default", "/openapi", "format=json", "*/*")).proxyResponse();

        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.decodedBody()).startsWith("---\nopenapi: 3.0.3");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.json().at("/paths/~1search/get/operationId").asText()).isEqualTo("search");
        assertThat(json.json().at("/paths").has("/")).isFalse();
    }

    @Test
    void coldStartAnswersTheEventThatWaitedForInit() {
        assertThat(coldStart.proxyResponse().statusCode()).isEqualTo(200);
    }

    @Test
    void everySampleEventGetsAnHttpAnswerRatherThanARuntimeError() {
        for (Path event : HttpApiEvents.all()) {
            assertThat(invoke(HttpApiEvents.read(event)).proxyResponse().statusCode()).as(event.toString()).isBetween(200, 499);
        }
    }

    @Test
    void searchEventAnswersUnifiedJson() {
        ProxyResponse response = invoke(HttpApiEvents.read("search.json")).proxyResponse();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(response.isBase64Encoded()).isFalse();
        JsonNode body = response.json();
        assertThat(body.get("query").asText()).isEqualTo("pydantic");
        assertThat(body.get("category").asText()).isEqualTo("episode");
        assertThat(JsonTexts.of(body.get("keywords"))).containsExactly("pydantic");
        assertThat(body.get("elapsed_ms").isIntegralNumber()).isTrue();
        assertThat(JsonTexts.of(body.get("sources").findValues("id"))).containsExactly(PYTHON_BYTES, TALK_PYTHON);
        assertThat(JsonTexts.of(body.get("sources").findValues("name"))).containsExactly("Python Bytes", "Talk Python To Me");
        assertThat(JsonTexts.of(body.get("sources").findValues("result_count"))).containsExactly("2", "3");
        // Interleaved by rank, Python Bytes first; the samples' transcripts are filtered out.
        assertThat(JsonTexts.of(body.get("results").findValues("source")))
                .containsExactly(PYTHON_BYTES, TALK_PYTHON, PYTHON_BYTES, TALK_PYTHON, TALK_PYTHON);
        assertThat(JsonTexts.of(body.get("results").findValues("id"))).containsExactly("323", "376", "322", "313", "284");
        assertThat(JsonTexts.of(body.get("results").findValues("category"))).containsOnly("episode");
        assertThat(body.get("results").get(1).get("title").asText()).isEqualTo("Pydantic v2 - The Plan");
        assertThat(body.get("results").get(1).get("url").asText())
                .isEqualTo("https://talkpython.fm/episodes/show/376/pydantic-v2-the-plan");
        assertThat(body.get("results").get(1).get("description").asText()).startsWith("Pydantic has become");
    }

    /**
     * Python Bytes answers {@code "results": []} beside its {@code "episodes"}, and Talk Python links its episodes by
     * paths on its site: both sources' hits arrive, each link absolute on its podcast's site.
     */
    @Test
    void bothListFieldsAndPathLinksAreUnified() {
        assertThat(sample(PYTHON_BYTES, "pydantic")).contains("\"results\": []").contains("\"episodes\": [");
        assertThat(sample(TALK_PYTHON, "pydantic")).contains("\"url\": \"/episodes/show/376/pydantic-v2-the-plan\"");

        JsonNode results = invoke(HttpApiEvents.search(Map.of("q", "pydantic", "category", "all"))).proxyResponse().json().get("results");

        assertThat(results).hasSize(7);
        for (JsonNode hit : results) {
            String site = hit.get("source").asText().equals(TALK_PYTHON) ? "https://talkpython.fm/" : "https://pythonbytes.fm/";
            assertThat(hit.get("url").asText()).as(hit.toString()).startsWith(site + "episodes/");
        }
        assertThat(JsonTexts.of(results.findValues("id"))).containsExactly("323", "376", "322", "313", "322", "376", "284");
    }

    /** Talk Python's fastapi sample links its transcript to {@code javascript:alert(document.domain)}. */
    @Test
    void javascriptLinkNeverReachesTheCallerButTheHitDoes() {
        ProxyResponse response = invoke(HttpApiEvents.search(Map.of("q", "fastapi", "category", "all"))).proxyResponse();

        assertThat(response.decodedBody()).doesNotContainIgnoringCase("javascript");
        JsonNode transcript = response.json().get("results").get(2);
        assertThat(transcript.get("title").asText()).isEqualTo("Transcript for Modern and fast APIs with FastAPI");
        assertThat(transcript.get("url").isNull()).isTrue();
        assertThat(function.output()).contains("source talkpython sent 1 link that is neither an http(s) URL nor a path on its site");
    }

    @Test
    void trickyQueryReachesBothSourcesExactlyAsTyped() {
        ProxyResponse response = invoke(HttpApiEvents.read("search-tricky-query.json")).proxyResponse();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.json().get("query").asText()).isEqualTo(TRICKY_QUERY);
        assertThat(stubs.receivedQueries(TALK_PYTHON)).contains(TRICKY_QUERY);
        assertThat(stubs.receivedQueries(PYTHON_BYTES)).contains(TRICKY_QUERY);
    }

    @Test
    void badRequestEventAnswersAProblemNamingTheParameter() {
        ProxyResponse response = invoke(HttpApiEvents.read("bad-request.json")).proxyResponse();

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(response.isBase64Encoded()).isFalse();
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("parameter").asText()).isEqualTo("category");
        assertThat(problem.get("type").asText()).isNotBlank();
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).contains("category");
    }

    @Test
    void functionUrlEventIsAnsweredLikeAnHttpApiEvent() {
        ProxyResponse response = invoke(HttpApiEvents.read("function-url.json")).proxyResponse();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(response.isBase64Encoded()).isFalse();
        JsonNode body = response.json();
        assertThat(body.get("query").asText()).isEqualTo("fastapi");
        assertThat(body.get("category").asText()).isEqualTo("all");
        assertThat(JsonTexts.of(body.get("results").findValues("source"))).containsExactly(PYTHON_BYTES, TALK_PYTHON, TALK_PYTHON);
        assertThat(JsonTexts.of(body.get("results").findValues("category"))).containsExactly("episode", "episode", "transcript");
    }

    @Test
    void failedSourceEndsTheSearchLongBeforeTheSlowOneWouldAnswer() {
        InvocationResult result = invoke(HttpApiEvents.search("fail fast"));
        ProxyResponse response = result.proxyResponse();

        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("source").asText()).isEqualTo(PYTHON_BYTES);
        assertThat(problem.get("reason").asText()).isEqualTo("answered HTTP 503");
        // Python Bytes fails after 100 ms, Talk Python would answer after 3 s and the deadline is 1.5 s.
        assertThat(result.runTime()).isLessThan(Duration.ofMillis(1000));
    }

    @Test
    void searchStillWaitingAtTheDeadlineAnswers504AtTheDeadline() {
        InvocationResult result = invoke(HttpApiEvents.search("never answers"));
        ProxyResponse response = result.proxyResponse();

        assertThat(response.statusCode()).isEqualTo(504);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(JsonTexts.of(response.json().get("pending_sources"))).containsExactly(TALK_PYTHON);
        assertThat(result.runTime()).isBetween(SEARCH_TIMEOUT, SEARCH_TIMEOUT.plusMillis(1000));
    }

    /** From the packaged configuration, not only the test profile's. */
    @Test
    void answersSayNosniffAndHowLongTheyMayBeCached() {
        ProxyResponse result = invoke(HttpApiEvents.read("search.json")).proxyResponse();
        ProxyResponse problem = invoke(HttpApiEvents.read("bad-request.json")).proxyResponse();

        assertThat(result.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(result.header("cache-control")).isEqualTo("max-age=60");
        assertThat(problem.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(problem.header("cache-control")).isEqualTo("no-store");
    }

    /** On Lambda the log is one JSON object per line; the request log's line for a forging query is one of them. */
    @Test
    void queryCannotForgeALineInTheJsonLog() throws Exception {
        String marker = "forged-" + System.nanoTime();
        invoke(HttpApiEvents.search("rust\n{\"level\":\"INFO\",\"message\":\"" + marker + "\"}"));

        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!function.output().contains(marker) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        List<String> lines = function.output().lines().filter(line -> line.contains(marker)).toList();
        assertThat(lines).singleElement().satisfies(line -> {
            JsonNode record = new ObjectMapper().readTree(line);
            assertThat(record.get("loggerName").asText()).isEqualTo("dev.podcastsearch.logging.RequestLog");
            assertThat(record.get("message").asText()).contains("q=\"rust\\n{\\\"level\\\":").contains("-> 400");
        });
    }

    private static InvocationResult invoke(String event) {
        return function.answer(event, ANSWER_LIMIT);
    }
}
