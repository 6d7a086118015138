package dev.podcastsearch;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.podcastsearch.support.lambda.Invocation;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.PodcastApiStubs;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;

/**
 * The packaged function keeps its connections to the sources open between invocations, and Lambda freezes it in
 * between. A source may drop such an idle connection meanwhile; the next search must not fail for it. Each case runs a
 * few rounds, since what the function sees first on thawing (the closed connection or the new invocation) is a race.
 */
@Timeout(120)
class PooledConnectionsIT {

    static final int ROUNDS = 3;
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(20);

    static ScriptedUpstream talkPython;
    static ScriptedUpstream pythonBytes;
    static LambdaRuntimeApi runtimeApi;
    static RunningFunction function;

    @BeforeAll
    static void launchPackagedFunction() throws Exception {
        talkPython = ScriptedUpstream.start();
        pythonBytes = ScriptedUpstream.start();
        talkPython.answer(Reply.json(PodcastApiStubs.sample(TALK_PYTHON, "pydantic")));
        pythonBytes.answer(Reply.json(PodcastApiStubs.sample(PYTHON_BYTES, "pydantic")));
        runtimeApi = LambdaRuntimeApi.start();
        function = FunctionLauncher.forPackage(Path.of("target", "function.zip"))
                .environment("SEARCH_SOURCES_TALKPYTHON_BASE_URL", talkPython.baseUrl())
                .environment("SEARCH_SOURCES_PYTHONBYTES_BASE_URL", pythonBytes.baseUrl())
                .environment("SEARCH_TIMEOUT", "3s")
                .logTo(Path.of("target", "function-logs", "PooledConnectionsIT.log"))
                .launch(runtimeApi);
        function.awaitFirstPoll(Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() throws Exception {
        if (function != null) {
            function.thaw();
            function.close();
        }
        if (runtimeApi != null) {
            runtimeApi.close();
        }
        if (talkPython != null) {
            talkPython.close();
            pythonBytes.close();
        }
    }

    @Test
    void warmSearchesReuseTheirConnections() {
        search();
        int opened = talkPython.connectionsAccepted() + pythonBytes.connectionsAccepted();

        for (int i = 0; i < 5; i++) {
            search();
        }

        assertThat(talkPython.connectionsAccepted() + pythonBytes.connectionsAccepted()).isEqualTo(opened);
    }

    @Test
    void searchSucceedsAfterSourcesClosedIdleConnectionsWhileFrozen() {
        for (int round = 0; round < ROUNDS; round++) {
            search();
            assertSearchWhileFrozenSucceeds(() -> {
                talkPython.closeConnections(false);
                pythonBytes.closeConnections(false);
            });
        }
    }

    @Test
    void searchSucceedsAfterSourcesResetIdleConnectionsWhileFrozen() {
        for (int round = 0; round < ROUNDS; round++) {
            search();
            assertSearchWhileFrozenSucceeds(() -> {
                talkPython.closeConnections(true);
                pythonBytes.closeConnections(true);
            });
        }
    }

    @Test
    void searchSucceedsWhenSourcesResetIdleConnectionsOnReuse() {
        for (int round = 0; round < ROUNDS; round++) {
            search();
            assertSearchWhileFrozenSucceeds(() -> {
                talkPython.forgetConnections();
                pythonBytes.forgetConnections();
            });
        }
    }

    /** Freezes the function, lets {@code whileFrozen} happen to its connections, queues a search, thaws it. */
    private static void assertSearchWhileFrozenSucceeds(Runnable whileFrozen) {
        function.freeze();
        Invocation invocation;
        try {
            whileFrozen.run();
            invocation = runtimeApi.invoke(HttpApiEvents.search("pydantic"));
        } finally {
            function.thaw();
        }
        assertAnsweredFromBothSources(invocation.await(ANSWER_LIMIT).proxyResponse());
    }

    private static void search() {
        assertAnsweredFromBothSources(runtimeApi.invoke(HttpApiEvents.search("pydantic")).await(ANSWER_LIMIT).proxyResponse());
    }

    private static void assertAnsweredFromBothSources(ProxyResponse response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JsonTexts.of(response.json().get("sources").findValues("id"))).isEqualTo(List.of(PYTHON_BYTES, TALK_PYTHON));
    }
}
