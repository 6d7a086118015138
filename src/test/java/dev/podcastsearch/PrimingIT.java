package dev.podcastsearch;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.podcastsearch.support.JsonTexts;
import dev.podcastsearch.support.lambda.FunctionLauncher;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.ProcessSnapshot;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.PodcastApiStubs;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;

/**
 * The packaged function primes its search path before a SnapStart snapshot: started as {@code snap-start}, AWS's runtime
 * client runs the CRaC hooks, asks for {@code restore/next} and then serves invocations, as on Lambda (no snapshot is
 * taken here). Priming sends searches, the page and the OpenAPI document through the function's handler against
 * stand-ins inside the function, and logs that it primed only if each was answered as it should be; the configured
 * sources, which are the live APIs in production, must not see a single request from it, no socket it opened may
 * outlive it, and the first real search must be answered as usual. (FeedSourceIT checks the same of a feed source.)
 */
@Timeout(120)
class PrimingIT {

    static final Duration ANSWER_LIMIT = Duration.ofSeconds(20);
    static final String GSON = "com.amazonaws.lambda.thirdparty.com.google.gson";

    @Test
    void primingBeforeSnapshotCallsNoConfiguredSourceAndLeavesNoSocketOpen() throws Exception {
        try (ScriptedUpstream talkPython = ScriptedUpstream.start();
                ScriptedUpstream pythonBytes = ScriptedUpstream.start();
                LambdaRuntimeApi runtimeApi = LambdaRuntimeApi.start()) {
            talkPython.answer(Reply.json(PodcastApiStubs.sample(TALK_PYTHON, "pydantic")));
            pythonBytes.answer(Reply.json(PodcastApiStubs.sample(PYTHON_BYTES, "pydantic")));
            try (RunningFunction function = FunctionLauncher.forPackage(Path.of("target", "function.zip"))
                    .environment("SEARCH_SOURCES_TALKPYTHON_BASE_URL", talkPython.baseUrl())
                    .environment("SEARCH_SOURCES_PYTHONBYTES_BASE_URL", pythonBytes.baseUrl())
                    .environment("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")
                    .logTo(Path.of("target", "function-logs", "PrimingIT.log"))
                    .launch(runtimeApi)) {
                function.awaitFirstPoll(Duration.ofSeconds(60));

                assertThat(runtimeApi.restoreNanos()).as("the runtime took the snapshot path").isPresent();
                assertThat(function.output()).contains("primed the search path");
                assertThat(talkPython.connectionsAccepted() + pythonBytes.connectionsAccepted()).isZero();
                int runtimeApiPort = Integer.parseInt(runtimeApi.address().substring(runtimeApi.address().lastIndexOf(':') + 1));
                ProcessSnapshot afterPriming = ProcessSnapshot.take(function.pid(), FunctionLauncher.deployedJavaHome(),
                        Map.of(runtimeApiPort, "runtime-api"));
                // Every socket left is the runtime client's to the Runtime API, or one of the two UNIX sockets that a
                // launch holds at this point with or without priming (one is the attach listener jcmd starts); a
                // stand-in server or a connection priming left open would be a third "other".
                assertThat(afterPriming.socketsByPeer()).containsOnlyKeys("runtime-api", "other");
                assertThat(afterPriming.socketsByPeer().get("other")).isLessThanOrEqualTo(2);

                ProxyResponse first = runtimeApi.invoke(HttpApiEvents.search("pydantic")).await(ANSWER_LIMIT).proxyResponse();
                assertThat(first.statusCode()).isEqualTo(200);
                assertThat(JsonTexts.of(first.json().get("sources").findValues("id"))).isEqualTo(List.of(PYTHON_BYTES, TALK_PYTHON));
            }
        }
    }

    /**
     * An app's invocation through an AWS mobile SDK carries a client context and a Cognito identity, which the runtime
     * client reads with its Gson serializer before calling the handler; without priming, the first such invocation
     * loads about 160 of that serializer's classes. The class-loading log shows that priming loaded them, and that
     * such an invocation after it loads none.
     */
    @Test
    void appInvocationAfterPrimingLoadsNoneOfTheRuntimeSerializersClasses() throws Exception {
        try (ScriptedUpstream talkPython = ScriptedUpstream.start();
                ScriptedUpstream pythonBytes = ScriptedUpstream.start();
                LambdaRuntimeApi runtimeApi = LambdaRuntimeApi.start()) {
            talkPython.answer(Reply.json(PodcastApiStubs.sample(TALK_PYTHON, "pydantic")));
            pythonBytes.answer(Reply.json(PodcastApiStubs.sample(PYTHON_BYTES, "pydantic")));
            try (RunningFunction function = FunctionLauncher.forPackage(Path.of("target", "function.zip"))
                    .environment("SEARCH_SOURCES_TALKPYTHON_BASE_URL", talkPython.baseUrl())
                    .environment("SEARCH_SOURCES_PYTHONBYTES_BASE_URL", pythonBytes.baseUrl())
                    .environment("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")
                    .jvmOption("-Xlog:class+load=info:stdout")
                    .logTo(Path.of("target", "function-logs", "PrimingIT-app.log"))
                    .launch(runtimeApi)) {
                function.awaitFirstPoll(Duration.ofSeconds(60));
                int primed = function.output().indexOf("primed the search path");
                assertThat(primed).as("priming logged that it primed").isPositive();

                ProxyResponse answer = runtimeApi.invokeFromApp(HttpApiEvents.search("pydantic")).await(ANSWER_LIMIT).proxyResponse();

                assertThat(answer.statusCode()).isEqualTo(200);
                assertThat(serializerClassesLoaded(function.output().substring(0, primed))).as("loaded by priming")
                        .contains(GSON + ".Gson");
                assertThat(serializerClassesLoaded(function.output().substring(primed)))
                        .as("loaded after priming, by the app's invocation").isEmpty();
            }
        }
    }

    /** The classes of the runtime's serializer (aws-lambda-java-serialization and its Gson) that a -Xlog:class+load log names. */
    private static List<String> serializerClassesLoaded(String log) {
        return log.lines()
                .filter(line -> line.contains("[class,load]"))
                .map(line -> line.replaceAll(".*\\[class,load\\] (\\S+).*", "$1"))
                .filter(name -> name.startsWith(GSON) || name.startsWith("com.amazonaws.services.lambda.runtime.serialization"))
                .toList();
    }
}
