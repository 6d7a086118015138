package dev.podcastsearch;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.json;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.sample;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import dev.podcastsearch.support.JsonTexts;
import dev.podcastsearch.support.lambda.FunctionLauncher;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.Invocation;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.PackagedFunction;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.PodcastApiStubs;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.SampleFeed;
import dev.podcastsearch.support.upstream.ScriptedUpstream;

/**
 * The deployment package with a feed source added by environment variable alone, under AWS's runtime client: eight
 * searches reach a cold instance at once ({@code AWS_LAMBDA_MAX_CONCURRENCY=8}) while the feed takes a second to
 * answer, and all of them are answered from the one fetch. Also: a source configured as both kinds stops the function
 * at init with the rule, and SnapStart priming never asks the configured feed.
 */
@Timeout(180)
class FeedSourceIT {

    static final int MAX_CONCURRENCY = 8;
    static final Duration FEED_DELAY = Duration.ofSeconds(1);
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(30);

    static PodcastApiStubs stubs;
    static ScriptedUpstream feed;
    static LambdaRuntimeApi runtimeApi;
    static RunningFunction function;
    static PackagedFunction packaged;
    static final List<ProxyResponse> coldAnswers = new ArrayList<>();
    static int feedRequestsForColdSearches;

    @BeforeAll
    static void searchACold8TimesAtOnce() throws Exception {
        feed = ScriptedUpstream.start();
        feed.answer(Reply.feed(SampleFeed.text(), "\"cold\"", null).after(FEED_DELAY));
        packaged = PackagedFunction.launch("FeedSourceIT", launcher -> launcher
                .environment("SEARCH_SOURCES_REALPYTHON_FEED_URL", feed.baseUrl() + "/feed")
                .environment("SEARCH_SOURCES_REALPYTHON_NAME", "The Real Python Podcast")
                // The sample's transcripts are at the podcast's own site: not fetched, and the feed's requests counted.
                .environment("SEARCH_TRANSCRIPTS_PER_REFRESH", "0")
                .maxConcurrency(MAX_CONCURRENCY));
        stubs = packaged.stubs();
        runtimeApi = packaged.runtimeApi();
        function = packaged.function();
        // "python" finds the APIs' pydantic samples, and four episodes of the sample feed.
        stubs.talkPython().stubFor(search("python", 1).willReturn(json(sample(TALK_PYTHON, "pydantic"))));
        stubs.pythonBytes().stubFor(search("python", 1).willReturn(json(sample(PYTHON_BYTES, "pydantic"))));

        List<Invocation> invocations = new ArrayList<>();
        for (int i = 0; i < MAX_CONCURRENCY; i++) {
            invocations.add(runtimeApi.invoke(HttpApiEvents.search("python")));
        }
        for (Invocation invocation : invocations) {
            coldAnswers.add(invocation.await(ANSWER_LIMIT).proxyResponse());
        }
        feedRequestsForColdSearches = feed.requests().size();
    }

    @AfterAll
    static void stop() throws Exception {
        if (packaged != null) {
            packaged.close();
        }
        if (feed != null) {
            feed.close();
        }
    }

    @Test
    void eightConcurrentSearchesOnAColdInstanceMakeOneRequestToTheFeed() {
        assertThat(runtimeApi.maxInFlight()).as("the searches overlapped").isGreaterThan(1);
        assertThat(feedRequestsForColdSearches).isEqualTo(1);
        assertThat(coldAnswers).hasSize(MAX_CONCURRENCY).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(JsonTexts.of(answer.json().get("sources").findValues("status"))).containsOnly("ok");
        });
    }

    @Test
    void oneSearchAnswersFromTheFeedAndBothApisUnifiedAndInterleaved() {
        JsonNode body = coldAnswers.get(0).json();
        assertThat(JsonTexts.of(body.get("sources").findValues("id"))).containsExactly("pythonbytes", "realpython", "talkpython");
        List<String> order = new ArrayList<>();
        body.get("results").forEach(hit -> order.add(hit.get("source").asText()));
        // Python Bytes has 2 episode hits, the feed 4, Talk Python 3: interleaved by rank.
        assertThat(order).containsExactly("pythonbytes", "realpython", "talkpython", "pythonbytes", "realpython",
                "talkpython", "realpython", "talkpython", "realpython");
        assertThat(body.get("total").asInt()).isEqualTo(9);
        JsonNode feedHit = body.get("results").get(1);
        assertThat(feedHit.get("published").asText()).isEqualTo("2020-06-26T12:00:00Z");
        assertThat(feedHit.get("category").asText()).isEqualTo("episode");
        body.get("results").forEach(hit -> assertThat(hit.has("published")).isTrue());
    }

    @Test
    void aSearchWithinRefreshIsAnsweredFromTheCopyWithoutARequest() {
        ProxyResponse again = runtimeApi.invoke(HttpApiEvents.search("click")).await(ANSWER_LIMIT).proxyResponse();

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.json().get("results").findValues("title").stream().map(JsonNode::asText))
                .contains("Python Decorators and Writing a CLI with Click");
        assertThat(feed.requests()).hasSize(feedRequestsForColdSearches);
    }

    @Test
    void aFeedHitSaysWhereAQuotedPhraseMatchedAsTextWithRanges() {
        ProxyResponse answer = runtimeApi.invoke(HttpApiEvents.search("\"writing a cli\" -games"))
                .await(ANSWER_LIMIT).proxyResponse();

        assertThat(answer.statusCode()).isEqualTo(200);
        JsonNode feedHit = answer.json().get("results").findParents("source").stream()
                .filter(hit -> hit.get("source").asText().equals("realpython")).findFirst().orElseThrow();
        assertThat(feedHit.get("id").asInt()).isEqualTo(1);
        JsonNode title = feedHit.get("highlights").get(0);
        assertThat(title.get("field").asText()).isEqualTo("title");
        assertThat(title.get("text").asText()).isEqualTo("Python Decorators and Writing a CLI with Click");
        assertThat(title.get("marks").toString()).isEqualTo("[[22,35]]");
    }

    @Test
    void aSourceWithBothBaseUrlAndFeedUrlStopsTheFunctionAtInitWithTheRule() throws Exception {
        try (LambdaRuntimeApi otherApi = LambdaRuntimeApi.start();
                RunningFunction misconfigured = FunctionLauncher.forPackage(Path.of("target", "function.zip"))
                        .environment(stubs.environment())
                        .environment("SEARCH_SOURCES_TALKPYTHON_FEED_URL", feed.baseUrl() + "/feed")
                        .logTo(Path.of("target", "function-logs", "FeedSourceIT-misconfigured.log"))
                        .launch(otherApi)) {
            assertThatThrownBy(() -> misconfigured.awaitFirstPoll(Duration.ofSeconds(60)))
                    .hasMessageContaining("source 'talkpython' has both search.sources.talkpython.base-url and"
                            + " search.sources.talkpython.feed-url: set exactly one");
        }
    }

    @Test
    void primingBeforeASnapshotNeverAsksTheConfiguredFeedAndTheFirstSearchAfterTheRestoreFetchesIt() throws Exception {
        try (ScriptedUpstream snapFeed = ScriptedUpstream.start();
                LambdaRuntimeApi snapApi = LambdaRuntimeApi.start()) {
            snapFeed.answer(Reply.feed(SampleFeed.text(), "\"snap\"", null));
            try (RunningFunction snapped = FunctionLauncher.forPackage(Path.of("target", "function.zip"))
                    .environment(stubs.environment())
                    .environment("SEARCH_SOURCES_REALPYTHON_FEED_URL", snapFeed.baseUrl() + "/feed")
                    .environment("SEARCH_TRANSCRIPTS_PER_REFRESH", "0")
                    .environment("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")
                    .logTo(Path.of("target", "function-logs", "FeedSourceIT-snapstart.log"))
                    .launch(snapApi)) {
                snapped.awaitFirstPoll(Duration.ofSeconds(60));
                assertThat(snapApi.restoreNanos()).as("the runtime took the snapshot path").isPresent();
                assertThat(snapped.output()).contains("primed the search path");
                assertThat(snapFeed.connectionsAccepted()).isZero();

                ProxyResponse first = snapApi.invoke(HttpApiEvents.search("click")).await(ANSWER_LIMIT).proxyResponse();
                assertThat(first.statusCode()).isEqualTo(200);
                assertThat(snapFeed.requests()).hasSize(1);
            }
        }
    }
}
