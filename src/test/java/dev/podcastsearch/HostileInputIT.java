package dev.podcastsearch;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.json;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.sample;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.search;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.support.input.FuzzRun;
import dev.podcastsearch.support.input.HostileRequest.Expected;
import dev.podcastsearch.support.input.HostileRequest;
import dev.podcastsearch.support.input.HostileRequests;
import dev.podcastsearch.support.lambda.FunctionLauncher;
import dev.podcastsearch.support.lambda.InvocationResult;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.PackagedFunction;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.PodcastApiStubs;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input against {@code target/function.zip} under AWS's runtime client (issue 14): generated requests
 * ({@link HostileRequests}) get what the API page promises, whatever they hold. A search answers 200 with the query
 * every source received, exactly as typed; anything refused is a 4xx problem document with {@code nosniff}, no stack
 * trace, no internal address, and no source called; and every request the REST layer saw leaves one request log line
 * whose message no input can break or forge. The examples are the bugs issue 14 found, one each.
 *
 * <p>
 * Property-based with jqwik, which cannot drive {@code @QuarkusTest}; the package under the runtime client is what
 * Lambda runs anyway. A fixed seed and a few hundred cases in {@code ./mvnw verify}; {@link FuzzRun} for a long run.
 */
@AddLifecycleHook(FuzzRun.class)
class HostileInputIT {

    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(20);
    private static final Duration LOG_LIMIT = Duration.ofSeconds(5);
    private static final String REQUEST_LOG = "dev.podcastsearch.logging.RequestLog";
    /** What a problem must never show: a stack trace, an exception or class name, an address of ours. */
    private static final List<String> LEAKS = List.of("\tat ", "Exception", "java.", "io.quarkus", "io.vertx", "dev.podcastsearch",
            "127.0.0.1", "localhost", "wiremock");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PodcastApiStubs stubs;
    private static LambdaRuntimeApi runtimeApi;
    private static RunningFunction function;
    private static PackagedFunction packaged;

    @BeforeContainer
    static void launchPackagedFunction() throws Exception {
        // Any q at all, line separators included (which a plain ".*" would not match).
        packaged = PackagedFunction.prepare("HostileInputIT", answers -> {
            answers.talkPython().stubFor(search("(?s).*", 1).willReturn(json(sample(TALK_PYTHON, "no-hits"))));
            answers.pythonBytes().stubFor(search("(?s).*", 1).willReturn(json(sample(PYTHON_BYTES, "no-hits"))));
            return answers;
        }).launch(FunctionLauncher.forPackage(PackagedFunction.PACKAGE), launcher -> launcher);
        stubs = packaged.stubs();
        runtimeApi = packaged.runtimeApi();
        function = packaged.function();
    }

    @AfterContainer
    static void stop() {
        if (packaged != null) {
            packaged.close();
        }
    }

    @Property(tries = 150)
    void everySearchReachesTheSourcesExactlyAsTyped(@ForAll("searches") HostileRequest request) {
        answersAsPromised(request);
    }

    @Property(tries = 250)
    void everyRefusedRequestIsAProblemAndNoSourceIsCalled(@ForAll("refused") HostileRequest request) {
        answersAsPromised(request);
    }

    @Provide
    Arbitrary<HostileRequest> searches() {
        return HostileRequests.searches();
    }

    @Provide
    Arbitrary<HostileRequest> refused() {
        return HostileRequests.refused();
    }

    // ---- issue 14, items 1 to 6, one example each

    @Example
    void unpairedSurrogateIsRefused() {
        answersAsPromised(example("q=a\udc00b", Expected.unencodedInQuery("q")));
    }

    /** It used to pass validation and fail at the sources, blamed on them as a 502. */
    @Example
    void unpairedSurrogateAtThe200thPositionIsRefused() {
        answersAsPromised(example("q=" + "x".repeat(199) + "\ud800", Expected.unencodedInQuery("q")));
    }

    @Example
    void codePointBeyondUnicodeIsRefused() {
        answersAsPromised(example("q=a%F4%90%80%80b", Expected.invalid("q", "percent-encoded UTF-8")));
    }

    @Example
    void realReplacementCharacterIsSearched() {
        answersAsPromised(example("q=%EF%BF%BD", Expected.search("\uFFFD", "episode")));
    }

    @Example
    void emptyRepeatOfQIsRefused() {
        answersAsPromised(example("q=&q=a", Expected.invalid("q", "q must be given once, not 2 times")));
        answersAsPromised(example("q&q=a", Expected.invalid("q", "q must be given once, not 2 times")));
    }

    @Example
    void emptyRepeatOfCategoryIsRefused() {
        answersAsPromised(example("q=a&category=&category=all", Expected.invalid("category", "category must be given once")));
        answersAsPromised(example("q=a&category&category=all", Expected.invalid("category", "category must be given once")));
    }

    @Example
    void lookAlikeCategoriesAreRefused() {
        for (String category : List.of("ep%C4%B1sode", "tran%C5%BFcript", "EP%C4%B0SODE")) {
            answersAsPromised(example("q=a&category=" + category, Expected.invalid("category", "episode, transcript, chapter or all")));
        }
    }

    @Example
    void namesAreCaseSensitive() {
        answersAsPromised(example("Q=a", Expected.invalid("q", "q is required")));
        answersAsPromised(example("q=a&Q=b", Expected.search("a", "episode")));
    }

    @Example
    void onlyAmpersandSeparatesParameters() {
        answersAsPromised(example("q=a;b", Expected.search("a;b", "episode")));
    }

    @Example
    void qAfterAThousandOtherParametersIsFound() {
        answersAsPromised(example("p=1&".repeat(1_100) + "q=rust", Expected.search("rust", "episode")));
    }

    @Example
    void acceptWithQZeroForJsonIsA406() {
        for (String accept : List.of("application/json;q=0", "*/*;q=0")) {
            answersAsPromised(HostileRequest.search("Accept " + accept, "q=rust", Map.of("accept", accept), Expected.notAcceptable()));
        }
    }

    /** api.md's tricky query, URL-encoded as curl --data-urlencode sends it, reaches the sources as typed. */
    @Example
    void trickyQueryReachesTheSourcesAsTyped() {
        answersAsPromised(example("q=c%2B%2B+%26+rust+%231+100%25+%C3%BCn%C3%AFc%C3%B8d%C3%A9",
                Expected.search("c++ & rust #1 100% ünïcødé", "episode")));
    }

    // ---- the contract

    private static HostileRequest example(String rawQuery, Expected expected) {
        return HostileRequest.search("example", rawQuery, Map.of(), expected);
    }

    private static void answersAsPromised(HostileRequest request) {
        stubs.talkPython().resetRequests();
        stubs.pythonBytes().resetRequests();
        int logFrom = function.output().length();
        var invocation = runtimeApi.invoke(request.event());
        InvocationResult result = invocation.await(ANSWER_LIMIT);

        assertThat(result.outcome()).as("an HTTP answer, not a runtime error: %s", result.body())
                .isEqualTo(InvocationResult.Outcome.RESPONSE);
        ProxyResponse answer = result.proxyResponse();
        Expected expected = request.expected();
        assertThat(answer.statusCode()).as("status; body %s", answer.body()).isEqualTo(expected.status());
        if (expected.isSearch()) {
            assertThat(answer.header("content-type")).startsWith("application/json");
            assertThat(answer.header("x-content-type-options")).isEqualTo("nosniff");
            JsonNode body = answer.json();
            assertThat(body.get("query").asText()).isEqualTo(expected.query());
            assertThat(body.get("category").asText()).isEqualTo(expected.category());
            awaitRequestsRecorded();
            assertThat(stubs.receivedQueries(TALK_PYTHON)).containsExactly(expected.query());
            assertThat(stubs.receivedQueries(PYTHON_BYTES)).containsExactly(expected.query());
        } else {
            assertThat(stubs.talkPython().findAll(anyRequestedFor(anyUrl()))).as("requests to Talk Python").isEmpty();
            assertThat(stubs.pythonBytes().findAll(anyRequestedFor(anyUrl()))).as("requests to Python Bytes").isEmpty();
            assertThat(answer.decodedBody()).doesNotContain(LEAKS)
                    .doesNotContain(port(stubs.talkPython().baseUrl()), port(stubs.pythonBytes().baseUrl()));
            assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
            assertThat(answer.header("x-content-type-options")).isEqualTo("nosniff");
            JsonNode problem = answer.json();
            assertThat(problem.get("status").asInt()).isEqualTo(expected.status());
            assertThat(problem.get("type").asText()).startsWith("urn:podcast-search:problem:");
            assertThat(problem.get("detail").asText()).contains(expected.detail());
            if (expected.parameter() != null) {
                assertThat(problem.get("parameter").asText()).isEqualTo(expected.parameter());
            }
        }
        // The front logs what it refuses its own way (LambdaFrontIT checks that line); the rest reach RequestLog.
        if (!expected.byTheFront()) {
            oneSafeRequestLogLine(invocation.requestId(), logFrom, answer.statusCode());
        }
    }

    /** WireMock records a request as it answers it; a moment's grace, in case the function was quicker to read it. */
    private static void awaitRequestsRecorded() {
        long deadline = System.nanoTime() + LOG_LIMIT.toNanos();
        while ((stubs.receivedQueries(TALK_PYTHON).isEmpty() || stubs.receivedQueries(PYTHON_BYTES).isEmpty())
                && System.nanoTime() < deadline && pause()) {
            // waiting
        }
    }

    /**
     * The request log's line for this invocation (tagged with its request id) is one JSON line, and its message holds
     * no character that could end it or hide text in some viewer: everything the caller sent is escaped.
     */
    private static void oneSafeRequestLogLine(String requestId, int logFrom, int status) {
        long deadline = System.nanoTime() + LOG_LIMIT.toNanos();
        List<JsonNode> lines;
        do {
            lines = function.output().substring(logFrom).lines()
                    .filter(line -> line.contains(requestId) && line.contains(REQUEST_LOG))
                    .map(HostileInputIT::parse)
                    .toList();
        } while (lines.isEmpty() && System.nanoTime() < deadline && pause());
        assertThat(lines).as("request log lines for %s", requestId).singleElement().satisfies(line -> {
            assertThat(line.path("mdc").path("AWSRequestId").asText()).isEqualTo(requestId);
            String message = line.get("message").asText();
            // A search's line ends with each source's status and time; a refused request's names no source.
            assertThat(message).matches("(?s)GET \".*-> " + status + " in \\d+ ms( [a-z]+=[a-z_]+/\\d+ms)*");
            assertThat(message.codePoints().filter(HostileInputIT::unsafeInALogLine).boxed().toList())
                    .as("unescaped characters in %s", message).isEmpty();
        });
    }

    private static boolean unsafeInALogLine(int c) {
        int type = Character.getType(c);
        return Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.FORMAT || type == Character.SURROGATE;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("a log line that is not one JSON object: " + line, e);
        }
    }

    private static boolean pause() {
        try {
            Thread.sleep(10);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String port(String baseUrl) {
        return ":" + baseUrl.substring(baseUrl.lastIndexOf(':') + 1);
    }
}
