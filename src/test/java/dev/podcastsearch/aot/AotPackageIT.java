package dev.podcastsearch.aot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.json;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.sample;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.podcastsearch.support.JsonTexts;
import dev.podcastsearch.support.lambda.FunctionLauncher;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.InvocationResult;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.PackagedFunction;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.PodcastApiStubs;

/**
 * {@code target/function-aot.zip} started by its own {@code bootstrap}, as the custom runtime starts it, under the
 * Runtime API stand-in, with both podcast APIs stood in by WireMock; the JVM's class loading log shows where each class
 * came from. Runs where the package was built ({@code -Paot}, which CI turns on when it has JDK 25); skipped elsewhere.
 */
@Timeout(120)
class AotPackageIT {

    static final Path PACKAGE = Path.of("target", "function-aot.zip");
    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/jlink");
    static final Duration SEARCH_TIMEOUT = Duration.ofMillis(1500);
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(20);
    static final String TRICKY_QUERY = "c++ & rust #1 100% ünïcødé";

    static PodcastApiStubs stubs;
    static LambdaRuntimeApi runtimeApi;
    static RunningFunction function;
    static PackagedFunction packaged;
    static InvocationResult coldStart;
    static Path classLoadLog;

    @BeforeAll
    static void launchAotPackage() throws Exception {
        if (!Files.isRegularFile(PACKAGE)) {
            if ("true".equals(System.getenv("CI")) && Files.isExecutable(TEMURIN_25)) {
                throw new AssertionError(PACKAGE + " was not built, though CI has JDK 25: the aot profile did not run");
            }
            assumeTrue(false, PACKAGE + " not built: ./mvnw verify -Paot builds it and runs this test");
        }
        classLoadLog = Files.createDirectories(Path.of("target", "function-logs")).resolve("AotPackageIT-class-load.log")
                .toAbsolutePath();
        Files.deleteIfExists(classLoadLog);
        packaged = PackagedFunction.prepare("AotPackageIT", answers -> {
            answers.answerWithSamples();
            answers.pythonBytes().stubFor(search("fail fast", 1).willReturn(aResponse().withStatus(503).withFixedDelay(100)));
            answers.talkPython().stubFor(search("fail fast", 1).willReturn(json(sample(TALK_PYTHON, "pydantic")).withFixedDelay(3000)));
            answers.talkPython().stubFor(search("never answers", 1).willReturn(json(sample(TALK_PYTHON, "pydantic")).withFixedDelay(5000)));
            return answers;
        });
        var first = packaged.runtimeApi().invoke(HttpApiEvents.read("search.json"));
        packaged.launch(FunctionLauncher.forCustomRuntime(PACKAGE), launcher -> launcher
                .environment("SEARCH_TIMEOUT", SEARCH_TIMEOUT.toMillis() + "ms")
                .environment("JAVA_TOOL_OPTIONS", "-Xlog:aot=info -Xlog:class+load=info:file=" + classLoadLog));
        stubs = packaged.stubs();
        runtimeApi = packaged.runtimeApi();
        function = packaged.function();
        Duration toFirstPoll = function.timeToFirstPoll().orElseThrow();
        coldStart = first.await(Duration.ofSeconds(60));
        System.out.printf("AOT package cold start (bootstrap -> first next poll): %d ms; -> first answer: %d ms%n",
                toFirstPoll.toMillis(), function.timeToFirstAnswer().orElseThrow().toMillis());
    }

    @AfterAll
    static void stop() {
        if (packaged != null) {
            packaged.close();
        }
    }

    /** {@code source: shared objects file} is the JVM's word for a class taken from the AOT cache. */
    @Test
    void classesOfTheColdStartComeFromTheAotCache() throws Exception {
        assertThat(coldStart.proxyResponse().statusCode()).isEqualTo(200);
        List<String> loaded = Files.readAllLines(classLoadLog);
        List<String> fromCache = loaded.stream().filter(line -> line.contains("source: shared objects file")).toList();

        assertThat(function.output()).contains("Opened AOT cache").doesNotContain("[error][aot]");
        assertThat(fromCache).anyMatch(line -> line.contains(" dev.podcastsearch.lambda.LambdaFront "))
                .anyMatch(line -> line.contains(" io.quarkus.runtime.Application "))
                .anyMatch(line -> line.contains(" com.amazonaws.services.lambda.runtime.api.client.AWSLambda "));
        assertThat(fromCache.size()).as("classes from the cache, of %d loaded", loaded.size())
                .isGreaterThan(loaded.size() * 9 / 10);
    }

    /**
     * Unpacked by a tool that keeps no file times, the package still starts from its cache: its bootstrap copies the
     * jars to the instance's /tmp with the training time restored (the task root is read-only on Lambda).
     */
    @Test
    void unpackedWithoutFileTimesItStillStartsFromTheAotCache() throws Exception {
        Path log = classLoadLog.resolveSibling("AotPackageIT-without-times-class-load.log");
        Files.deleteIfExists(log);
        try (LambdaRuntimeApi otherApi = LambdaRuntimeApi.start();
                RunningFunction untimed = FunctionLauncher.forCustomRuntime(PACKAGE)
                        .withoutFileTimes()
                        .environment(stubs.environment())
                        .environment("JAVA_TOOL_OPTIONS", "-Xlog:aot=info -Xlog:class+load=info:file=" + log)
                        .logTo(Path.of("target", "function-logs", "AotPackageIT-without-times.log"))
                        .launch(otherApi)) {
            Duration toFirstPoll = untimed.awaitFirstPoll(Duration.ofSeconds(60));
            System.out.printf("AOT package unpacked without file times (bootstrap -> first next poll): %d ms%n",
                    toFirstPoll.toMillis());
            InvocationResult answer = untimed.answer(HttpApiEvents.read("search.json"), ANSWER_LIMIT);

            assertThat(answer.proxyResponse().statusCode()).isEqualTo(200);
            assertThat(untimed.output()).contains("Opened AOT cache").doesNotContain("timestamp has changed")
                    .doesNotContain("[error][aot]");
            List<String> loaded = Files.readAllLines(log);
            assertThat(loaded.stream().filter(line -> line.contains("source: shared objects file")).count())
                    .as("classes from the cache, of %d loaded", loaded.size()).isGreaterThan(loaded.size() * 9L / 10);
        }
    }

    @Test
    void searchEventAnswersUnifiedJson() {
        ProxyResponse response = invoke(HttpApiEvents.read("search.json")).proxyResponse();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.header("content-type")).startsWith("application/json");
        assertThat(JsonTexts.of(response.json().get("sources").findValues("id"))).containsExactly(PYTHON_BYTES, TALK_PYTHON);
        assertThat(JsonTexts.of(response.json().get("results").findValues("id"))).containsExactly("323", "376", "322", "313", "284");
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
    void failedSourceEndsTheSearchLongBeforeTheSlowOneWouldAnswer() {
        InvocationResult result = invoke(HttpApiEvents.search("fail fast"));

        assertThat(result.proxyResponse().statusCode()).isEqualTo(502);
        assertThat(result.proxyResponse().json().get("source").asText()).isEqualTo(PYTHON_BYTES);
        assertThat(result.runTime()).isLessThan(Duration.ofMillis(1000));
    }

    @Test
    void searchStillWaitingAtTheDeadlineAnswers504AtTheDeadline() {
        InvocationResult result = invoke(HttpApiEvents.search("never answers"));

        assertThat(result.proxyResponse().statusCode()).isEqualTo(504);
        assertThat(JsonTexts.of(result.proxyResponse().json().get("pending_sources"))).containsExactly(TALK_PYTHON);
        assertThat(result.runTime()).isBetween(SEARCH_TIMEOUT, SEARCH_TIMEOUT.plusMillis(1000));
    }

    private static InvocationResult invoke(String event) {
        return function.answer(event, ANSWER_LIMIT);
    }
}
