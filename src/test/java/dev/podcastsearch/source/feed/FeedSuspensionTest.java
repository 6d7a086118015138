package dev.podcastsearch.source.feed;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.PodcastApiStubs;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A feed that keeps failing is suspended like any other source: its failures count in its circuit breaker. */
@QuarkusTest
@WithTestResource(value = Upstreams.class, initArgs = {
        @ResourceArg(name = Upstreams.FEED, value = "feed"),
        @ResourceArg(name = "search.suspension.enabled", value = "true"),
        @ResourceArg(name = "search.suspension.window", value = "2"),
        @ResourceArg(name = "search.suspension.delay", value = "1m") })
class FeedSuspensionTest {

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @InjectUpstream("realpython")
    ScriptedUpstream feed;

    @Test
    void feedFailingTwiceInItsWindowIsSuspendedAndNotAskedAgain() {
        talkPython.answer(Reply.json(PodcastApiStubs.sample(TALK_PYTHON, "pydantic")));
        pythonBytes.answer(Reply.json(PodcastApiStubs.sample(PYTHON_BYTES, "pydantic")));
        feed.answer(Reply.status(500, "text/html", "<h1>down</h1>"));

        for (int search = 0; search < 2; search++) {
            given().queryParam("q", "pydantic").when().get("/search").then().statusCode(502).body("source", is("realpython"));
        }
        assertThat(feed.requests()).hasSize(2);

        given().queryParam("q", "pydantic").when().get("/search").then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("source", is("realpython"));
        given().queryParam("q", "pydantic").queryParam("partial", "true").when().get("/search").then()
                .statusCode(200)
                .body("sources.find { it.id == 'realpython' }.status", is("suspended"))
                .body("sources.find { it.id == 'talkpython' }.status", is("ok"));
        assertThat(feed.requests()).hasSize(2);
    }
}
