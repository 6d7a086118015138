package dev.podcastsearch.health;

import static dev.podcastsearch.support.upstream.OneHitAnswers.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.OneHitAnswers.TALK_PYTHON;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Both sources suspended at once, each for as long as its Retry-After asked: when asking again may be answered. Every
 * source may be suspended here (a 1 s delay); each test waits until both are healthy again.
 */
@QuarkusTest
@WithTestResource(value = Upstreams.class, initArgs = {
        @ResourceArg(name = "search.suspension.enabled", value = "true"),
        @ResourceArg(name = "search.suspension.delay", value = "1s") })
class SuspendedSourcesTest {

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    /** Healthy sources, and one search through them first, so that no first call's warm-up meets the deadline. */
    @BeforeEach
    void warmedUp() {
        talkPython.answer(Reply.json(TALK_PYTHON));
        pythonBytes.answer(Reply.json(PYTHON_BYTES));
        search(false).then().statusCode(200);
    }

    /** Suspends Talk Python for 2 s and Python Bytes for 4 s, through one partial search that both answer 429. */
    private void suspendBoth() {
        talkPython.answer(tooManyRequests(2), Reply.json(TALK_PYTHON));
        pythonBytes.answer(tooManyRequests(4), Reply.json(PYTHON_BYTES));
        search(true).then().statusCode(502).body("sources.status", contains("failed", "failed"));
    }

    @AfterEach
    void bothHealthyAgain() throws InterruptedException {
        talkPython.answer(Reply.json(TALK_PYTHON));
        pythonBytes.answer(Reply.json(PYTHON_BYTES));
        long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
        while (search(false).statusCode() != 200 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        search(false).then().statusCode(200);
    }

    /** The group needs every source, so a client that waits less than the longest suspension is refused again. */
    @Test
    void groupSearchSaysToWaitForTheLongestSuspension() {
        suspendBoth();

        search(false).then().statusCode(503)
                .header("Retry-After", oneOf("3", "4"))
                .body("sources.status", contains("suspended", "suspended"))
                .body("detail", containsString("Ask again in"));
    }

    /** One source is enough for a partial search, so it may ask again when the first suspension ends. */
    @Test
    void partialSearchSaysToWaitForTheShortestSuspension() {
        suspendBoth();

        search(true).then().statusCode(503)
                .header("Retry-After", oneOf("1", "2"))
                .body("title", is("Every podcast source is suspended"))
                .body("detail", not(containsString("partial=true")));
    }

    /** A source the search does not ask is skipped, not suspended: the group answers without it, complete. */
    @Test
    void aSuspendedSourceLeftOutOfSourcesDoesNotStopAGroupSearch() {
        talkPython.answer(tooManyRequests(2), Reply.json(TALK_PYTHON));
        search(true).then().statusCode(200).body("sources.status", contains("ok", "failed"));
        search(false).then().statusCode(503);

        given().queryParam("q", "rust").queryParam("sources", "pythonbytes").when().get("/search")
                .then().statusCode(200)
                .body("complete", is(true))
                .body("sources.status", contains("ok", "skipped"))
                .body("sources[1].reason", is("not in sources"));
    }

    private static Reply tooManyRequests(int seconds) {
        return Reply.raw("HTTP/1.1 429 Too Many Requests\r\nRetry-After: " + seconds + "\r\nContent-Length: 0\r\n\r\n");
    }

    static Response search(boolean partial) {
        return given().queryParam("q", "rust").queryParam("partial", String.valueOf(partial)).when().get("/search");
    }
}
