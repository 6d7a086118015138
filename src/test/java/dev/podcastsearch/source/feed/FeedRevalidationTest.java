package dev.podcastsearch.source.feed;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
 * A feed whose copy is never fresh ({@code search.feeds.refresh=0s}), so that every search asks again: conditionally,
 * through redirects, and falling back to the copy (stale) when the feed fails. Each test first has a copy fetched.
 */
@QuarkusTest
@WithTestResource(value = Upstreams.class, initArgs = {
        @ResourceArg(name = Upstreams.FEED, value = "feed"),
        @ResourceArg(name = "search.feeds.refresh", value = "0s"),
        @ResourceArg(name = "search.feeds.max-stale", value = "1h") })
class FeedRevalidationTest {

    static final String LAST_MODIFIED = "Fri, 26 Jun 2020 12:00:00 GMT";

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @InjectUpstream("realpython")
    ScriptedUpstream feed;

    @BeforeEach
    void apiSourcesFindNothing() {
        talkPython.answer(Reply.json(PodcastApiStubs.sample(TALK_PYTHON, "no-hits")));
        pythonBytes.answer(Reply.json(PodcastApiStubs.sample(PYTHON_BYTES, "no-hits")));
    }

    @Test
    void afterRefreshTheFeedIsAskedConditionallyAndA304KeepsTheCopy() {
        feed.answer(Reply.feed(SampleFeed.text(), "\"v304\"", LAST_MODIFIED), Reply.notModified("\"v304\""));

        search("python").statusCode(200).body("results.id", contains(3, 2, 1, FeedParser.idOf("rpp-trailer")));
        search("python").statusCode(200)
                .body("sources[1].status", is("ok"))
                .body("sources[1]", not(hasKey("stale")))
                .body("results.id", contains(3, 2, 1, FeedParser.idOf("rpp-trailer")));

        List<ScriptedUpstream.Request> requests = feed.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1).header("If-None-Match")).isEqualTo("\"v304\"");
        assertThat(requests.get(1).header("If-Modified-Since")).isEqualTo(LAST_MODIFIED);
    }

    @Test
    void a304RenewsTheCopyForTheSearchesAfterIt() {
        feed.answer(Reply.feed(SampleFeed.text(), "\"renewed\"", null), Reply.notModified("\"renewed\""));

        for (int search = 0; search < 3; search++) {
            search("click").statusCode(200).body("results.id", contains(1));
        }
        assertThat(feed.requests()).extracting(request -> request.header("If-None-Match"))
                .containsExactly(feed.requests().get(0).header("If-None-Match"), "\"renewed\"", "\"renewed\"");
    }

    @Test
    void failingFeedWithACopyYoungerThanMaxStaleAnswersFromItMarkedStale() {
        feed.answer(Reply.feed(SampleFeed.text(), "\"stale\"", null), Reply.status(500, "text/html", "<h1>down</h1>"));

        search("python").statusCode(200);
        search("click").statusCode(200)
                .body("complete", is(true))
                .body("sources[1].id", is("realpython"))
                .body("sources[1].status", is("ok"))
                .body("sources[1].stale", is(true))
                .body("sources[0]", not(hasKey("stale")))
                .body("results.id", contains(1));
        assertThat(feed.requests()).hasSize(2);
    }

    @Test
    void aRedirectToTheSameSchemeIsFollowed() {
        feed.answer(Reply.raw("HTTP/1.1 301 Moved Permanently\r\nLocation: /moved/feed\r\nContent-Length: 0\r\n\r\n"),
                Reply.feed(SampleFeed.text(), null, null));

        search("click").statusCode(200).body("sources[1]", not(hasKey("stale"))).body("results.id", contains(1));
        assertThat(feed.requests()).extracting(ScriptedUpstream.Request::target).containsExactly("/feed", "/moved/feed");
    }

    @Test
    void aRedirectFromHttpToAnotherSchemeIsNotFollowed() {
        feed.answer(Reply.feed(SampleFeed.text(), null, null),
                Reply.raw("HTTP/1.1 302 Found\r\nLocation: ftp://127.0.0.1/feed\r\nContent-Length: 0\r\n\r\n"));

        search("click").statusCode(200);
        search("click").statusCode(200).body("sources[1].stale", is(true)).body("results.id", contains(1));
        assertThat(feed.requests()).hasSize(2);
    }

    @Test
    void atMostThreeRedirectsAreFollowed() {
        feed.answer(Reply.feed(SampleFeed.text(), null, null),
                Reply.raw("HTTP/1.1 307 Temporary Redirect\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n"));

        search("click").statusCode(200);
        search("click").statusCode(200).body("sources[1].stale", is(true));
        // The feed, then the first try and its three redirects.
        assertThat(feed.requests()).extracting(ScriptedUpstream.Request::target)
                .containsExactly("/feed", "/feed", "/again", "/again", "/again");
    }

    private static ValidatableResponse search(String query) {
        return given().queryParam("q", query).when().get("/search").then();
    }
}
