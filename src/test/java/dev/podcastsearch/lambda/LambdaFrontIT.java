package dev.podcastsearch.lambda;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.podcastsearch.support.JsonTexts;
import dev.podcastsearch.support.input.CallerTargets;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.InvocationResult;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.PackagedFunction;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.PodcastApiStubs;

/**
 * The Lambda front of {@code target/function.zip}, run as Lambda runs it (AWS's runtime interface client, the
 * template's handler): AWS's own sample events of other integrations and stages, caller-made garbage, and events that
 * are not HTTP events at all. Every answer is a Lambda response, never a runtime error.
 */
@Timeout(120)
class LambdaFrontIT {

    private static final Path AWS_EVENTS = Path.of("src", "test", "resources", "aws-events");
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    static PodcastApiStubs stubs;
    static LambdaRuntimeApi runtimeApi;
    static RunningFunction function;
    static PackagedFunction packaged;

    @BeforeAll
    static void launch() throws Exception {
        packaged = PackagedFunction.launch("LambdaFrontIT", launcher -> launcher);
        stubs = packaged.stubs();
        runtimeApi = packaged.runtimeApi();
        function = packaged.function();
    }

    @AfterAll
    static void stop() {
        if (packaged != null) {
            packaged.close();
        }
    }

    @Test
    void searchUnderANamedStageIsAnswered() {
        ProxyResponse response = invoke(awsEvent("http-api-v2-get-prod-stage.json")).proxyResponse();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.json().get("query").asText()).isEqualTo("pydantic");
        assertThat(JsonTexts.of(response.json().get("sources").findValues("id"))).containsExactly(PYTHON_BYTES, TALK_PYTHON);
    }

    @Test
    void unknownPathUnderANamedStageIsStill404() {
        ProxyResponse response = invoke(edited(awsEvent("http-api-v2-get-prod-stage.json"), event -> event.put("rawPath", "/prod/nothing")))
                .proxyResponse();

        assertProblem(response, 404);
    }

    @Test
    void stageNameThatIsNotThePathsFirstSegmentIsNotTakenOff() {
        ProxyResponse response = invoke(edited(awsEvent("http-api-v2-get-prod-stage.json"), event -> event.put("rawPath", "/products/search")))
                .proxyResponse();

        assertProblem(response, 404);
    }

    @Test
    void restApiEventGetsA500ProblemSayingWhatThisFunctionServes() throws Exception {
        ProxyResponse response = invoke(awsEvent("api-gateway-rest-proxy.json")).proxyResponse();

        JsonNode problem = assertProblem(response, 500);
        assertThat(problem.get("type").asText()).isEqualTo("urn:podcast-search:problem:unsupported-integration");
        assertThat(problem.get("detail").asText()).contains("REST API", "payload format 2.0", "function URL",
                "PayloadFormatVersion 2.0");
        assertWarned("API Gateway REST API");
    }

    @Test
    void albEventGetsA500ProblemInTheFormatAnAlbExpects() throws Exception {
        InvocationResult result = invoke(awsEvent("alb.json"));
        JsonNode raw = JSON.readTree(result.body());

        assertThat(raw.get("statusDescription").asText()).isEqualTo("500 Internal Server Error");
        assertThat(raw.get("isBase64Encoded").asBoolean()).isFalse();
        JsonNode problem = assertProblem(result.proxyResponse(), 500);
        assertThat(problem.get("detail").asText()).contains("Application Load Balancer", "payload format 2.0");
        assertWarned("Application Load Balancer");
    }

    static Stream<Arguments> callerGarbage() {
        return Stream.of(
                Arguments.of("a raw space in rawPath", (Consumer<ObjectNode>) e -> e.put("rawPath", "/sea rch")),
                Arguments.of("a control character in rawPath", (Consumer<ObjectNode>) e -> e.put("rawPath", "/search\u0001")),
                Arguments.of("a non-ASCII character in rawPath", (Consumer<ObjectNode>) e -> e.put("rawPath", "/s\u00e9arch")),
                Arguments.of("an empty rawPath", (Consumer<ObjectNode>) e -> e.put("rawPath", "")),
                Arguments.of("a rawPath without its leading slash", (Consumer<ObjectNode>) e -> e.put("rawPath", "search")),
                Arguments.of("a raw space in rawQueryString", (Consumer<ObjectNode>) e -> e.put("rawQueryString", "q=a b")),
                Arguments.of("U+2028 in rawQueryString", (Consumer<ObjectNode>) e -> e.put("rawQueryString", "q=a\u2028b")),
                Arguments.of("a lone % in rawQueryString", (Consumer<ObjectNode>) e -> e.put("rawQueryString", "q=%")),
                Arguments.of("a method with a space", (Consumer<ObjectNode>) e -> method(e, "G ET")),
                Arguments.of("an empty method", (Consumer<ObjectNode>) e -> method(e, "")),
                Arguments.of("a header name with a space", (Consumer<ObjectNode>) e -> header(e, "x forged", "1")),
                Arguments.of("a header name with a colon", (Consumer<ObjectNode>) e -> header(e, "x:forged", "1")),
                Arguments.of("a line feed in a header value", (Consumer<ObjectNode>) e -> header(e, "x-note", "a\nforged: 1")),
                Arguments.of("a control character in a header value", (Consumer<ObjectNode>) e -> header(e, "x-note", "a\u0001")),
                Arguments.of("a Host that is no host", (Consumer<ObjectNode>) e -> header(e, "host", "a b/c")),
                Arguments.of("a body that is not base64", (Consumer<ObjectNode>) e -> e.put("body", "%%%").put("isBase64Encoded", true)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callerGarbage")
    void callerGarbageGetsA400ProblemAndCallsNoSource(String what, Consumer<ObjectNode> damage) {
        int sourceCalls = sourceCalls();

        ProxyResponse response = invoke(edited(HttpApiEvents.read("search.json"), damage)).proxyResponse();

        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.get("type").asText()).isEqualTo("urn:podcast-search:problem:invalid-request");
        assertThat(sourceCalls()).isEqualTo(sourceCalls);
    }

    static Stream<Arguments> brokenEvents() {
        return Stream.of(
                Arguments.of("not JSON", "hello"),
                Arguments.of("a JSON array", "[1, 2]"),
                Arguments.of("an empty object", "{}"),
                Arguments.of("10 000-deep nesting", "[".repeat(10_000) + "]".repeat(10_000)),
                Arguments.of("10 000-deep nesting in a member", "{\"version\":\"2.0\",\"x\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                Arguments.of("rawPath of the wrong type", "{\"version\":\"2.0\",\"rawPath\":{},\"requestContext\":{\"http\":{\"method\":\"GET\"}}}"),
                Arguments.of("a member Quarkus reads with the wrong type",
                        "{\"version\":\"2.0\",\"rawPath\":\"/search\",\"requestContext\":{\"http\":{\"method\":\"GET\"},\"timeEpoch\":{}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenEvents")
    void structurallyBrokenEventGetsA400ProblemRatherThanARuntimeError(String what, String event) {
        InvocationResult result = invoke(event);

        assertThat(result.outcome()).isEqualTo(InvocationResult.Outcome.RESPONSE);
        JsonNode problem = assertProblem(result.proxyResponse(), 400);
        assertThat(problem.get("type").asText()).isEqualTo("urn:podcast-search:problem:unreadable-event");
        assertThat(result.body()).doesNotContain("jackson", "Exception", "at com.", "APIGatewayV2HTTPEvent");
    }

    static Stream<CallerTargets.Row> callerTargets() {
        return CallerTargets.rows().stream();
    }

    /**
     * Issue 27: the request targets that dev mode's server answers in RequestTargetTest get the same answers here, as
     * an HTTP API passes them on (the target as UTF-8 text).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("callerTargets")
    void everyTargetGetsTheAnswerItGetsInDevMode(CallerTargets.Row row) {
        stubs.talkPython().resetRequests();

        ProxyResponse response = invoke(HttpApiEvents.get("$default", row.path(), row.rawQuery(), "*/*")).proxyResponse();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(row.status());
        if (row.query() != null) {
            assertThat(response.json().get("query").asText()).isEqualTo(row.query());
            assertThat(stubs.receivedQueries(TALK_PYTHON)).containsExactly(row.query());
        } else {
            JsonNode problem = assertProblem(response, row.status());
            assertThat(problem.get("type").asText()).isEqualTo("urn:podcast-search:problem:" + row.kind());
            assertThat(stubs.receivedQueries(TALK_PYTHON)).isEmpty();
        }
    }

    /** The stage is taken off before the target is read, and a raw '|' is read the same under it. */
    @Test
    void rawCharacterUnderANamedStageIsSearched() {
        ProxyResponse response = invoke(HttpApiEvents.get("prod", "/search", "q=a|b", "*/*")).proxyResponse();

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.json().get("query").asText()).isEqualTo("a|b");
    }

    /** Issue 27: one Allow header, the same methods in the same order, for OPTIONS and for a 405. */
    @Test
    void optionsAndA405ListTheSameMethodsInOneHeader() throws Exception {
        InvocationResult options = invoke(edited(HttpApiEvents.read("search.json"), e -> method(e, "OPTIONS")));
        InvocationResult refused = invoke(edited(HttpApiEvents.read("search.json"), e -> method(e, "DELETE")));

        assertThat(options.proxyResponse().statusCode()).isEqualTo(200);
        assertThat(refused.proxyResponse().statusCode()).isEqualTo(405);
        for (InvocationResult result : List.of(options, refused)) {
            JsonNode headers = JSON.readTree(result.body()).get("headers");
            assertThat(headers.properties()).filteredOn(header -> header.getKey().equalsIgnoreCase("allow"))
                    .singleElement().satisfies(header -> assertThat(header.getValue().asText()).isEqualTo("GET,HEAD,OPTIONS"));
        }
    }

    @Test
    void noInputSplitsOrForgesALogLine() throws Exception {
        String marker = "forged" + System.nanoTime();
        invoke(edited(HttpApiEvents.read("search.json"), e -> e.put("rawPath", "/x\u2028" + marker + "\u0085\u2029")));
        invoke(edited(HttpApiEvents.read("search.json"), e -> header(e, "x-note", "\u2028" + marker)));
        invoke(edited(HttpApiEvents.read("search.json"), e -> e.put("rawQueryString", "q=%E2%80%A8" + marker)));
        Thread.sleep(300);

        String output = function.output();
        assertThat(output).doesNotContain("\u2028", "\u2029", "\u0085");
        // The refusals say what was wrong without the input; only the request log, escaped, names the query.
        assertThat(output.lines().filter(line -> line.contains(marker)))
                .allSatisfy(line -> assertThat(JSON.readTree(line).get("loggerName").asText())
                        .isEqualTo("dev.podcastsearch.logging.RequestLog"));
        assertThat(output).doesNotContain("Request Failure", "QuarkusErrorHandler");
    }

    private static JsonNode assertProblem(ProxyResponse response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.header("content-type")).startsWith("application/problem+json");
        assertThat(response.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(response.header("cache-control")).isEqualTo("no-store");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isNotBlank();
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    private static void assertWarned(String integration) throws InterruptedException {
        assertThat(function.printed(line -> line.contains("\"level\":\"WARN\"")
                && line.contains(LambdaFront.class.getName()) && line.contains(integration)
                && line.contains("payload format 2.0"), Duration.ofSeconds(5)))
                .as("a WARN line from the front naming the %s", integration).isTrue();
    }

    private static int sourceCalls() {
        return stubs.talkPython().getAllServeEvents().size() + stubs.pythonBytes().getAllServeEvents().size();
    }

    private static String awsEvent(String file) {
        try {
            return Files.readString(AWS_EVENTS.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An event with the edit applied, its other members as they were. */
    private static String edited(String event, Consumer<ObjectNode> edit) {
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(event);
            edit.accept(tree);
            return JSON.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void method(ObjectNode event, String method) {
        ((ObjectNode) event.get("requestContext").get("http")).put("method", method);
    }

    private static void header(ObjectNode event, String name, String value) {
        ((ObjectNode) event.get("headers")).put(name, value);
    }

    private static InvocationResult invoke(String event) {
        return runtimeApi.invoke(event).await(ANSWER_LIMIT);
    }
}
