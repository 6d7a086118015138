package dev.podcastsearch.aot;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.json;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.sample;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.podcastsearch.bench.SelfSignedTls;
import dev.podcastsearch.support.lambda.FunctionLauncher;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.InvocationResult;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.PodcastApiStubs;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.SampleFeed;
import dev.podcastsearch.support.upstream.ScriptedUpstream;

/**
 * The training run that writes the AOT cache, and the check that the finished package starts with it. The package runs
 * through its own {@code bootstrap} under the project's Runtime API stand-in, with local stand-ins of every kind of
 * source (both search-API formats on WireMock, a feed, a search API on TLS), never the live ones, and serves the
 * sample events, a page, the OpenAPI document, an error, a failing source and a search that times out: what the
 * function loads for those is what the cache holds.
 */
final class AotTraining {

    /** How many times the events are served: the JIT's profiles (JEP 515) want a method run more than once. */
    private static final int ROUNDS = 3;
    private static final Duration SEARCH_TIMEOUT = Duration.ofMillis(1500);
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(30);
    /** For the JVM to write its record as it exits, and for writing the cache from it. */
    private static final Duration CACHE_WRITE_LIMIT = Duration.ofMinutes(5);
    /** The TLS source, configured by environment variables alone as a deployment would add one. */
    private static final String TLS_SOURCE = "SEARCH_SOURCES_TLSAPI_BASE_URL";

    private AotTraining() {
    }

    /**
     * Records what the package loads and runs while serving the events ({@code -XX:AOTMode=record}), written when the
     * JVM exits; then writes the cache from that record in the package's root, with the package's own bootstrap, so
     * that the JVM options are the same.
     */
    static void train(Path untrainedZip, Path root, Path cache) throws Exception {
        Path work = cache.getParent();
        Path configuration = work.resolve("function.aotconf").toAbsolutePath();
        SelfSignedTls tls = SelfSignedTls.create(work.resolve("tls"), Path.of(System.getProperty("java.home")));
        try (PodcastApiStubs stubs = PodcastApiStubs.start().answerWithSamples();
                ScriptedUpstream feed = ScriptedUpstream.start();
                ScriptedUpstream tlsSource = ScriptedUpstream.startTls(tls.serverContext());
                LambdaRuntimeApi runtimeApi = LambdaRuntimeApi.start()) {
            stubs.pythonBytes().stubFor(search("fail fast", 1).willReturn(aResponse().withStatus(503)));
            stubs.talkPython().stubFor(search("never answers", 1).willReturn(json(sample(TALK_PYTHON, "pydantic")).withFixedDelay(3000)));
            feed.answer(Reply.feed(SampleFeed.text(), "\"training\"", null));
            tlsSource.answer(Reply.json(sample(TALK_PYTHON, "pydantic")));

            try (RunningFunction function = FunctionLauncher.forCustomRuntime(untrainedZip)
                    .environment(stubs.environment())
                    .environment("SEARCH_SOURCES_REALPYTHON_FEED_URL", feed.baseUrl() + "/feed")
                    // The sample names its transcripts at the podcast's own site, which is never asked.
                    .environment("SEARCH_TRANSCRIPTS_PER_REFRESH", "0")
                    .environment(TLS_SOURCE, tlsSource.baseUrl())
                    .environment("SEARCH_TIMEOUT", SEARCH_TIMEOUT.toMillis() + "ms")
                    .environment("JAVA_TOOL_OPTIONS", String.join(" ", tls.trustStoreOptions()))
                    .environment("AOT_CACHE_OPTIONS", "-XX:AOTMode=record -XX:AOTConfiguration=" + configuration)
                    .logTo(work.resolve("training.log"))
                    .launch(runtimeApi)) {
                function.awaitFirstPoll(Duration.ofSeconds(120));
                for (int round = 0; round < ROUNDS; round++) {
                    for (String event : events()) {
                        InvocationResult result = runtimeApi.invoke(event).await(ANSWER_LIMIT);
                        if (result.outcome() != InvocationResult.Outcome.RESPONSE) {
                            throw function.failure("training: the runtime reported an error: " + result.body());
                        }
                    }
                }
                int status = function.stop(CACHE_WRITE_LIMIT);
                if (!Files.isRegularFile(configuration)) {
                    throw function.failure("the training run (exit status " + status + ") wrote no AOT configuration at " + configuration);
                }
            }
        }
        ProcessBuilder create = new ProcessBuilder(root.toAbsolutePath().resolve("bootstrap").toString())
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("create.log").toFile());
        create.environment().put("LAMBDA_TASK_ROOT", root.toAbsolutePath().toString());
        create.environment().put("AOT_CACHE_OPTIONS", "-XX:AOTMode=create -XX:AOTConfiguration=" + configuration
                + " -XX:AOTCache=" + cache.toAbsolutePath() + " -Xlog:aot=warning");
        Process process = create.start();
        if (!process.waitFor(CACHE_WRITE_LIMIT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0
                || !Files.isRegularFile(cache)) {
            process.destroyForcibly();
            throw new IllegalStateException("writing the AOT cache failed:\n" + Files.readString(work.resolve("create.log")));
        }
        String log = Files.readString(work.resolve("create.log"));
        if (log.contains("[error]")) {
            throw new IllegalStateException("the JVM wrote the AOT cache with errors:\n" + log);
        }
    }

    /**
     * Starts the finished package with its cache demanded: with {@code -XX:AOTMode=on} a JVM that cannot use the cache
     * stops at once, saying why. It must then answer a search.
     */
    static void checkCacheIsUsed(Path functionAotZip) throws Exception {
        try (PodcastApiStubs stubs = PodcastApiStubs.start().answerWithSamples();
                LambdaRuntimeApi runtimeApi = LambdaRuntimeApi.start();
                RunningFunction function = FunctionLauncher.forCustomRuntime(functionAotZip)
                        .environment(stubs.environment())
                        .environment("AOT_CACHE_OPTIONS", "-XX:AOTCache=function.aot -XX:AOTMode=on")
                        .launch(runtimeApi)) {
            Duration init = function.awaitFirstPoll(Duration.ofSeconds(60));
            InvocationResult result = runtimeApi.invoke(HttpApiEvents.read("search.json")).await(ANSWER_LIMIT);
            if (result.outcome() != InvocationResult.Outcome.RESPONSE || result.proxyResponse().statusCode() != 200) {
                throw function.failure("the package with its AOT cache did not answer a search with 200: " + result.body());
            }
            System.out.printf("[aot] the package starts with its cache: init %d ms, first search %d ms%n",
                    init.toMillis(), result.runTime().toMillis());
        }
    }

    /** Every sample event, the page, its stylesheet, the OpenAPI document, and the searches that fail or time out. */
    private static List<String> events() {
        List<String> events = new ArrayList<>();
        for (Path event : HttpApiEvents.all()) {
            events.add(HttpApiEvents.read(event));
        }
        events.add(HttpApiEvents.search(Map.of("q", "python", "category", "all", "partial", "true")));
        events.add(HttpApiEvents.get("prod", "/", "q=pydantic", "text/html,*/*;q=0.8"));
        events.add(HttpApiEvents.get("$default", "/", "q=rust&category=podcast", "text/html"));
        events.add(HttpApiEvents.get("prod", "/page.css", "", "text/css,*/*;q=0.1"));
        events.add(HttpApiEvents.get("$default", "/openapi", "", "*/*"));
        events.add(HttpApiEvents.get("$default", "/openapi", "format=json", "*/*"));
        events.add(HttpApiEvents.get("$default", "/nothing", "", "text/html"));
        events.add(HttpApiEvents.search("fail fast"));
        events.add(HttpApiEvents.search("never answers"));
        return events;
    }
}
