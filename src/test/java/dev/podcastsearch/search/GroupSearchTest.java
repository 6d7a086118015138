package dev.podcastsearch.search;

import static dev.podcastsearch.support.upstream.OneHitAnswers.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.OneHitAnswers.TALK_PYTHON;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The group: concurrency, fail-fast cancellation and the deadline, observed at the upstreams. */
@QuarkusTest
@WithTestResource(Upstreams.class)
class GroupSearchTest {


    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    /** Healthy upstreams, and one search through them first so that timings leave out the first call's warm-up. */
    @BeforeEach
    void healthyUpstreams() {
        pythonBytes.answer(Reply.json(PYTHON_BYTES));
        talkPython.answer(Reply.json(TALK_PYTHON));
        given().queryParam("q", "warm up").when().get("/search").then().statusCode(200);
        pythonBytes.answer(Reply.json(PYTHON_BYTES));
        talkPython.answer(Reply.json(TALK_PYTHON));
    }

    @Test
    void queryReachesEachUpstreamIntact() {
        String tricky = "c++ & rust #1 100% ünïcødé";

        given().queryParam("q", tricky).when().get("/search").then().statusCode(200).body("query", is(tricky));

        for (ScriptedUpstream upstream : new ScriptedUpstream[] { talkPython, pythonBytes }) {
            assertThat(upstream.requests()).singleElement().satisfies(request -> {
                assertThat(request.method()).isEqualTo("GET");
                assertThat(request.target()).startsWith("/api/search?q=");
                assertThat(request.q()).isEqualTo(tricky);
            });
        }
    }

    @Test
    void sourcesAreSearchedConcurrently() {
        talkPython.answer(Reply.json(TALK_PYTHON).after(Duration.ofMillis(1000)));
        pythonBytes.answer(Reply.json(PYTHON_BYTES).after(Duration.ofMillis(800)));

        long took = timed(() -> given().queryParam("q", "rust").when().get("/search")
                .then().statusCode(200).body("results.id", contains(2, 1)));

        // Both requests reach their stubs before the quicker one answers: the calls overlap.
        long apart = Math.abs(talkPython.requests().get(0).arrived() - pythonBytes.requests().get(0).arrived());
        assertThat(TimeUnit.NANOSECONDS.toMillis(apart)).isLessThan(800);
        // One after the other would take 1 800 ms; together, about the slowest one's 1 000 ms (with room for a busy
        // machine: this is about overlap, not speed).
        assertThat(took).isBetween(1000L, 1799L);
    }

    @Test
    void failedSourceCancelsSlowSibling() throws InterruptedException {
        talkPython.answer(Reply.status(500, "text/plain", "boom").after(Duration.ofMillis(100)));
        pythonBytes.answer(Reply.json(PYTHON_BYTES).after(Duration.ofSeconds(10)));
        long started = System.nanoTime();

        Response answer = given().queryParam("q", "rust").when().get("/search");

        long answeredAfter = millisSince(started);
        answer.then().statusCode(502)
                .contentType("application/problem+json")
                .body("status", is(502))
                .body("source", is("talkpython"))
                .body("reason", is("answered HTTP 500"));
        assertThat(answeredAfter).as("answered soon after the failure, not after the slow source").isLessThan(1000);
        long closed = pythonBytes.awaitClientClose(Duration.ofSeconds(1));
        assertThat(closed).as("the slow source's connection is closed by the function").isPositive();
        assertThat(TimeUnit.NANOSECONDS.toMillis(closed - started)).isLessThan(1000);
    }

    @Test
    void timeoutAnswers504AndCancelsPendingSources() throws InterruptedException {
        talkPython.answer(Reply.never());
        long started = System.nanoTime();

        Response answer = given().queryParam("q", "rust").when().get("/search");

        long answeredAfter = millisSince(started);
        answer.then().statusCode(504)
                .contentType("application/problem+json")
                .body("status", is(504))
                .body("pending_sources", contains("talkpython"));
        long timeout = Duration.parse("PT" + Upstreams.TIMEOUT).toMillis();
        assertThat(answeredAfter).isBetween(timeout - 50, timeout + 1500);
        assertThat(talkPython.awaitClientClose(Duration.ofSeconds(1)))
                .as("the pending source's connection is closed by the function").isPositive();
    }

    private static long timed(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return millisSince(started);
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }
}
