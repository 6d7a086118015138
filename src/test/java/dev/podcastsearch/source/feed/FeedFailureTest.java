package dev.podcastsearch.source.feed;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.support.upstream.Faults;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.PodcastApiStubs;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A feed that never gives a usable answer, so there is never a copy to fall back on: it fails its source like any
 * other source's failure (502 in group mode, {@code failed} in partial mode), hostile feeds included.
 * <p>
 * An application of its own: test classes with the same test resource share one, and a copy of the feed that another
 * class left there would answer here.
 */
@QuarkusTest
@WithTestResource(value = Upstreams.class, initArgs = { @ResourceArg(name = Upstreams.FEED, value = "feed"),
        // Set as it is by default; only to make this configuration one no other class has.
        @ResourceArg(name = "search.feeds.refresh", value = "15m"), @ResourceArg(name = "search.timeout", value = "2s") })
class FeedFailureTest {

    static final String XXE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE rss [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <rss version="2.0"><channel><title>x</title>
            <item><title>root &secret;</title><description>&secret;</description><guid>1</guid></item>
            </channel></rss>""";

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @InjectUpstream("realpython")
    ScriptedUpstream feed;

    @BeforeEach
    void apiSourcesAnswer() {
        // The feed answers whatever the last test left (never a feed), so no copy is ever made.
        Faults.warmUp();
        talkPython.answer(Reply.json(PodcastApiStubs.sample(TALK_PYTHON, "pydantic")));
        pythonBytes.answer(Reply.json(PodcastApiStubs.sample(PYTHON_BYTES, "pydantic")));
    }

    @Test
    void failingFeedWithoutACopyFailsTheGroup() {
        feed.answer(Reply.status(500, "text/html", "<h1>oops</h1>"));

        Faults.searchFailsWith("realpython", "answered HTTP 500");
    }

    @Test
    void failingFeedWithoutACopyIsFailedInAPartialAnswer() {
        feed.answer(Reply.status(404, "text/html", "<h1>gone</h1>"));

        given().queryParam("q", "pydantic").queryParam("partial", "true").when().get("/search").then()
                .statusCode(200)
                .body("complete", is(false))
                .body("sources.find { it.id == 'realpython' }.status", is("failed"))
                .body("sources.find { it.id == 'realpython' }.reason", is("answered HTTP 404"))
                .body("sources.find { it.id == 'talkpython' }.status", is("ok"));
    }

    @Test
    void bodyThatIsNotAFeedFailsTheSource() {
        feed.answer(Reply.status(200, "text/html", "<html><body>Not a feed</body></html>"));

        Faults.searchFailsWith("realpython", "feed is not RSS");
    }

    @Test
    void brokenXmlFailsTheSource() {
        feed.answer(Reply.status(200, "application/rss+xml", "<rss version=\"2.0\"><channel><item><title>x</channel>"));

        Faults.searchFailsWith("realpython", "feed is not well-formed XML");
    }

    @Test
    void feedWithAnExternalEntityIsRefusedAndLeaksNothing() {
        feed.answer(Reply.status(200, "application/rss+xml", XXE));

        String body = Faults.searchFailsWith("realpython", "feed declares a DTD or entities, which are not read")
                .extract().asString();
        assertThat(body).doesNotContain("root:", "/bin/", "passwd");
        given().queryParam("q", "root").queryParam("partial", "true").when().get("/search").then().statusCode(200)
                .body("sources.find { it.id == 'realpython' }.status", is("failed"))
                .body(not(containsString("root:")));
    }

    @Test
    void twentyMegabyteFeedIsCutOffAtMaxSize() throws InterruptedException {
        feed.answer(Reply.largeFeed(20L * 1024 * 1024, true));

        Faults.searchFailsWith("realpython", "response larger than 10 MiB");
        assertThat(feed.awaitClientClose(Duration.ofSeconds(5))).as("the connection was closed").isPositive();
    }

    @Test
    void twentyMegabyteFeedWithItsLengthDeclaredIsRefusedBeforeItsBody() throws InterruptedException {
        feed.answer(Reply.largeFeed(20L * 1024 * 1024, false));

        Faults.searchFailsWith("realpython", "response larger than 10 MiB");
        assertThat(feed.awaitClientClose(Duration.ofSeconds(5))).as("the connection was closed").isPositive();
    }

    /** The only search waiting for the fetch stops waiting when another source fails, and the fetch is aborted. */
    @Test
    void anotherSourceFailingCancelsTheSearchWaitingForTheFeedAndItsFetch() throws InterruptedException {
        feed.answer(Reply.never());
        talkPython.answer(Faults.afterRequestAt(feed, Reply.status(500, "text/plain", "down")));

        Faults.searchFailsWith("talkpython", "answered HTTP 500")
                .body("sources.find { it.id == 'realpython' }.status", is("cancelled"));
        Faults.assertCancelled(feed);
    }

    @Test
    void feedThatNeverAnswersGivesTheGroupTimeoutAndItsConnectionIsClosed() throws InterruptedException {
        feed.answer(Reply.never());

        given().queryParam("q", "pydantic").when().get("/search").then()
                .statusCode(504)
                .contentType("application/problem+json")
                .body("pending_sources", org.hamcrest.Matchers.contains("realpython"));
        assertThat(feed.awaitClientClose(Duration.ofSeconds(5))).as("the connection was closed").isPositive();
    }
}
