package dev.podcastsearch.search;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.support.CapturedLog;
import dev.podcastsearch.support.OpenApiContract;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.PodcastApiStubs;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.SampleFeed;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Filters, the choice of sources and the order, through the Lambda path: the sample feed, whose four episodes about
 * Python came out in June 2020 and last 3332, 2947, 2718 and 126 s, beside the two search APIs, whose hits say
 * neither date nor duration. A source that cannot apply a filter, or is not chosen, is skipped: never asked.
 */
@QuarkusTest
@WithTestResource(value = Upstreams.class, initArgs = {
        @ResourceArg(name = Upstreams.FEED, value = "feed"),
        // Set as it is by default, to make this an application of its own, apart from classes that keep another feed.
        @ResourceArg(name = "search.feeds.refresh", value = "15m") })
class FilteredSearchTest {

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @InjectUpstream("realpython")
    ScriptedUpstream feed;

    /** A search first, whatever it answers, so that the feed's first fetch and index are not on the clock. */
    @BeforeEach
    void answerSamples() {
        feed.answer(Reply.feed(SampleFeed.text(), "\"sample-1\"", null));
        given().queryParam("q", "warm up").queryParam("sources", "realpython").when().get("/search");
        talkPython.answer(Reply.json(PodcastApiStubs.sample(TALK_PYTHON, "pydantic")));
        pythonBytes.answer(Reply.json(PodcastApiStubs.sample(PYTHON_BYTES, "pydantic")));
        feed.answer(Reply.feed(SampleFeed.text(), "\"sample-1\"", null));
        OpenApiContract.install(true);
    }

    @AfterEach
    void releaseTheOpenApiDocument() {
        OpenApiContract.uninstall();
    }

    @Test
    void aDateFilterKeepsTheFeedsEpisodesInRangeAndSkipsTheApis() {
        search(Map.of("published_after", "2020-06-12", "published_before", "2020-06-19")).statusCode(200)
                .body("complete", is(true))
                .body("sources.status", contains("skipped", "ok", "skipped"))
                .body("sources.reason", contains("cannot apply published_after, published_before", null,
                        "cannot apply published_after, published_before"))
                .body("sources.result_count", contains(0, 2, 0))
                .body("results.published", contains("2020-06-19T12:00:00Z", "2020-06-12T12:00:00Z"));
        noApiWasAsked();
    }

    @Test
    void aDurationFilterKeepsTheFeedsEpisodesOfThatLength() {
        search(Map.of("min_duration", "2718", "max_duration", "2947")).statusCode(200)
                .body("sources.reason", contains("cannot apply min_duration, max_duration", null,
                        "cannot apply min_duration, max_duration"))
                .body("results.duration_s", contains(2947, 2718));
        noApiWasAsked();
    }

    @Test
    void sourcesAsksOnlyTheSourcesChosen() {
        search(Map.of("sources", "talkpython")).statusCode(200)
                .body("complete", is(true))
                .body("sources.status", contains("skipped", "skipped", "ok"))
                .body("sources.reason", contains("not in sources", "not in sources", null))
                .body("results.source", everyItem(is("talkpython")));
        assertThat(pythonBytes.requests()).isEmpty();
        assertThat(feed.requests()).isEmpty();
    }

    /** Group mode, which fails on any source that does not answer, answers: a skipped source is not asked at all. */
    @Test
    void whenEverySourceIsSkippedTheAnswerIsCompleteAndEmpty() {
        search(Map.of("sources", "talkpython", "min_duration", "60")).statusCode(200)
                .header("Cache-Control", "max-age=60")
                .body("complete", is(true))
                .body("total", is(0))
                .body("results", empty())
                .body("sources.status", everyItem(is("skipped")));
        noApiWasAsked();
    }

    @Test
    void aFailingSourceDoesNotFailAPartialSearchWhoseOtherSourcesAreSkipped() {
        talkPython.answer(Reply.status(500, "text/plain", "boom"));

        search(Map.of("sources", "talkpython", "partial", "true")).statusCode(502)
                .body("type", is("urn:podcast-search:problem:no-source-answered"))
                .body("sources.status", contains("skipped", "skipped", "failed"));
    }

    @Test
    void newestFirstPutsTheUndatedApiHitsLast() {
        search(Map.of("sort", "newest")).statusCode(200)
                .body("results.source", contains("realpython", "realpython", "realpython", "realpython", "pythonbytes",
                        "talkpython", "pythonbytes", "talkpython", "talkpython"))
                .body("results.published[0]", is("2020-06-26T12:00:00Z"));
    }

    @Test
    void explainAddsEachHitsScoreAndRanksAndOnlyThen() {
        search(Map.of("explain", "true")).statusCode(200)
                .body("results[0].source", is("pythonbytes"))
                .body("results[0].score", is((float) (1.0 / 61)))
                .body("results[0].ranks", is(Map.of("pythonbytes", 1)))
                .body("results[8].ranks", is(Map.of("realpython", 4)))
                .body("results.also_in", everyItem(empty()));
        search(Map.of()).statusCode(200)
                .body("results", everyItem(not(hasKey("score"))))
                .body("results", everyItem(not(hasKey("ranks"))))
                .body("results", everyItem(hasKey("also_in")));
    }

    @Test
    void theRequestLogShowsTheFiltersAndTheSkippedSources() {
        try (CapturedLog log = CapturedLog.of("dev.podcastsearch.logging.RequestLog")) {
            search(Map.of("min_duration", "60")).statusCode(200);

            assertThat(log.messages()).singleElement().asString()
                    .matches("GET \"/search\" q=\"python\" min_duration=\"60\" -> 200 in \\d+ ms"
                            + " pythonbytes=skipped/0ms realpython=ok/\\d+ms talkpython=skipped/0ms");
        }
    }

    @Test
    void thePageSaysWhichSourcesWereNotAskedAndWhy() {
        OpenApiContract.uninstall();
        given().queryParam("q", "python").queryParam("sources", "realpython,pythonbytes")
                .queryParam("published_after", "2020-01-01").when().get("/")
                .then().statusCode(200)
                .body(containsString("Python Bytes was not asked: its episodes do not say what the filters need (it"
                        + " cannot apply published_after)."))
                .body(containsString("Talk Python To Me was not asked: it is not among the sources chosen."))
                .body(containsString("The Real Python Podcast answered: 4 results."));
    }

    private static ValidatableResponse search(Map<String, String> parameters) {
        return given().queryParam("q", "python").queryParams(parameters).when().get("/search").then();
    }

    private void noApiWasAsked() {
        assertThat(talkPython.requests()).isEmpty();
        assertThat(pythonBytes.requests()).isEmpty();
    }
}
