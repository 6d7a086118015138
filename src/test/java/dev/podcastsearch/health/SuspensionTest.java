package dev.podcastsearch.health;

import static dev.podcastsearch.support.upstream.Faults.SLOW;
import static dev.podcastsearch.support.upstream.Faults.afterRequestAt;
import static dev.podcastsearch.support.upstream.Faults.assertCancelled;
import static dev.podcastsearch.support.upstream.OneHitAnswers.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.OneHitAnswers.TALK_PYTHON;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.oneOf;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.support.ServerTimingHeader;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Suspension, with the default window (half of the last 4 calls failed) and a 1 s delay. Python Bytes' own setting
 * turns suspension off for it, so that it can fail again and again beside Talk Python. Each test starts with four
 * healthy calls in Talk Python's window, so two failures suspend it, and leaves it healthy again.
 */
@QuarkusTest
@WithTestResource(value = Upstreams.class, initArgs = {
        @ResourceArg(name = "search.suspension.enabled", value = "true"),
        @ResourceArg(name = "search.suspension.delay", value = "1s"),
        @ResourceArg(name = "search.sources.pythonbytes.suspension.enabled", value = "false") })
class SuspensionTest {

    private static final Duration DELAY = Duration.ofSeconds(1);
    private static final Reply BOOM = Reply.status(500, "text/plain", "boom");

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @BeforeEach
    void fourHealthyCalls() {
        healthyUpstreams();
        for (int call = 0; call < 4; call++) {
            search(false).then().statusCode(200);
        }
        healthyUpstreams();
    }

    private void healthyUpstreams() {
        talkPython.answer(Reply.json(TALK_PYTHON));
        pythonBytes.answer(Reply.json(PYTHON_BYTES));
    }

    /** Within a few delays the trial call is made, succeeds, and Talk Python is no longer suspended. */
    @AfterEach
    void talkPythonHealthyAgain() throws InterruptedException {
        healthyUpstreams();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (search(false).statusCode() != 200 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        search(false).then().statusCode(200);
    }

    @Test
    void sourceWithHalfItsRecentCallsFailedIsSuspendedAndNotCalled() throws InterruptedException {
        talkPython.answer(BOOM);
        for (int call = 0; call < 2; call++) {
            search(false).then().statusCode(502).body("source", is("talkpython"));
        }
        assertThat(talkPython.requests()).hasSize(2);
        int pythonBytesAsked = pythonBytes.requests().size();

        Response refused = search(false);
        refused.then().statusCode(503)
                .contentType("application/problem+json")
                .header("Cache-Control", "no-store")
                .header("Retry-After", "1")
                .body("type", is("urn:podcast-search:problem:source-suspended"))
                .body("source", is("talkpython"))
                .body("reason", is("suspended after repeated failures"))
                .body("sources.id", contains("pythonbytes", "talkpython"))
                .body("sources.status", contains("cancelled", "suspended"));
        assertThat(ServerTimingHeader.of(refused.then().extract()).metrics()).containsExactly("pythonbytes", "talkpython", "total");

        search(true).then().statusCode(200)
                .body("complete", is(false))
                .body("sources.status", contains("ok", "suspended"))
                .body("sources[1].reason", is("suspended after repeated failures"))
                .body("results.source", contains("pythonbytes"));

        assertThat(talkPython.requests()).as("a suspended source is not called").hasSize(2);
        assertThat(pythonBytes.requests()).as("group mode calls no source while one is suspended").hasSize(pythonBytesAsked + 1);

        talkPython.answer(Reply.json(TALK_PYTHON));
        TimeUnit.MILLISECONDS.sleep(DELAY.plusMillis(200).toMillis());
        search(false).then().statusCode(200).body("complete", is(true));
        assertThat(talkPython.requests()).as("one trial call after the delay").hasSize(1);
        search(false).then().statusCode(200);
        assertThat(talkPython.requests()).as("healthy again").hasSize(2);
    }

    @Test
    void failedTrialCallSuspendsAgain() throws InterruptedException {
        talkPython.answer(BOOM);
        for (int call = 0; call < 2; call++) {
            search(true).then().statusCode(200).body("sources[1].status", is("failed"));
        }
        search(true).then().statusCode(200).body("sources[1].status", is("suspended"));

        TimeUnit.MILLISECONDS.sleep(DELAY.plusMillis(200).toMillis());
        search(true).then().statusCode(200).body("sources[1].status", is("failed"));
        search(true).then().statusCode(200).body("sources[1].status", is("suspended"));
        assertThat(talkPython.requests()).as("two calls, then the one trial").hasSize(3);
    }

    @Test
    void sourcesPendingAtTheDeadlineCountAsFailed() {
        talkPython.answer(Reply.never());
        for (int call = 0; call < 2; call++) {
            search(true).then().statusCode(200).body("sources[1].status", is("timed_out"));
        }
        search(true).then().statusCode(200).body("sources[1].status", is("suspended"));
        assertThat(talkPython.requests()).hasSize(2);
    }

    /** Python Bytes fails at once, eight times, each while Talk Python's slow answer is on its way: two would do. */
    @Test
    void siblingCancelledByAnotherSourcesFailureIsNeverSuspended() throws InterruptedException {
        for (int round = 0; round < 8; round++) {
            pythonBytes.answer(afterRequestAt(talkPython, BOOM));
            talkPython.answer(Reply.json(TALK_PYTHON).after(SLOW));

            search(false).then().statusCode(502).body("source", is("pythonbytes"));
            assertCancelled(talkPython);
        }

        healthyUpstreams();
        search(false).then().statusCode(200).body("sources.status", contains("ok", "ok"));
        assertThat(talkPython.requests()).as("still called").hasSize(1);
    }

    @Test
    void retryAfterSuspendsTheSourceForAsLongAsItAsked() throws InterruptedException {
        talkPython.answer(Reply.raw("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 2\r\nContent-Length: 0\r\n\r\n"),
                Reply.json(TALK_PYTHON));

        search(true).then().statusCode(200).body("sources[1].reason", is("answered HTTP 429 (Retry-After: 2)"));
        long suspended = System.nanoTime();
        search(true).then().statusCode(200)
                .body("sources[1].status", is("suspended"))
                .body("sources[1].reason", is("suspended for as long as its Retry-After asked"));
        search(false).then().statusCode(503).header("Retry-After", oneOf("1", "2"));

        // Past the 1 s delay, still within the 2 s the source asked for.
        sleepUntil(suspended, Duration.ofMillis(1300));
        search(true).then().statusCode(200).body("sources[1].status", is("suspended"));
        assertThat(talkPython.requests()).as("not called while suspended").hasSize(1);

        sleepUntil(suspended, Duration.ofMillis(2300));
        search(true).then().statusCode(200).body("sources[1].status", is("ok"));
        assertThat(talkPython.requests()).hasSize(2);
    }

    private static void sleepUntil(long since, Duration elapsed) throws InterruptedException {
        long left = since + elapsed.toNanos() - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static Response search(boolean partial) {
        return given().queryParam("q", "rust").queryParam("partial", String.valueOf(partial)).when().get("/search");
    }
}
