package dev.podcastsearch.search;

import static dev.podcastsearch.support.upstream.Faults.TIMEOUT;
import static dev.podcastsearch.support.upstream.OneHitAnswers.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.OneHitAnswers.TALK_PYTHON;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.podcastsearch.support.OpenApiContract;
import org.junit.jupiter.api.AfterEach;

import dev.podcastsearch.support.ServerTimingHeader;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** {@code partial=true}: the sources that answered, the ones that did not named, and only the deadline cancels. */
@QuarkusTest
@WithTestResource(Upstreams.class)
class PartialSearchTest {

    /** Every exchange here is held to the OpenAPI document: its requests and answers. */
    @BeforeEach
    void holdToTheOpenApiDocument() {
        OpenApiContract.install(true);
    }

    @AfterEach
    void releaseTheOpenApiDocument() {
        OpenApiContract.uninstall();
    }


    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @BeforeEach
    void healthyUpstreams() {
        talkPython.answer(Reply.json(TALK_PYTHON));
        pythonBytes.answer(Reply.json(PYTHON_BYTES));
        given().queryParam("q", "warm up").when().get("/search").then().statusCode(200);
        talkPython.answer(Reply.json(TALK_PYTHON));
        pythonBytes.answer(Reply.json(PYTHON_BYTES));
    }

    @Test
    void failedSourceLeavesTheOtherToAnswer() throws InterruptedException {
        talkPython.answer(Reply.status(500, "text/plain", "boom").after(Duration.ofMillis(100)));
        pythonBytes.answer(Reply.json(PYTHON_BYTES).after(Duration.ofMillis(300)));

        partialSearch().then().statusCode(200)
                .contentType("application/json")
                .header("Cache-Control", "no-store")
                .body("complete", is(false))
                .body("sources.id", contains("pythonbytes", "talkpython"))
                .body("sources.status", contains("ok", "failed"))
                .body("sources[0]", not(hasKey("reason")))
                .body("sources[1].reason", is("answered HTTP 500"))
                .body("sources.result_count", contains(1, 0))
                .body("results.source", contains("pythonbytes"));

        assertThat(pythonBytes.requests()).hasSize(1);
        assertThat(pythonBytes.awaitClientClose(Duration.ofMillis(200)))
                .as("the healthy source's call was answered, not cancelled").isNegative();
    }

    @Test
    void pendingSourceTimesOutAndIsCancelledAtTheDeadline() throws InterruptedException {
        talkPython.answer(Reply.never());

        long started = System.nanoTime();
        partialSearch().then().statusCode(200)
                .header("Cache-Control", "no-store")
                .body("complete", is(false))
                .body("sources.status", contains("ok", "timed_out"))
                .body("sources[1].reason", is("no answer within " + TIMEOUT.toMillis() + " ms"))
                .body("results.source", contains("pythonbytes"));
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(took).as("answered at the deadline").isBetween(TIMEOUT.toMillis(), TIMEOUT.toMillis() + 1000);
        assertThat(talkPython.awaitClientClose(Duration.ofSeconds(1)))
                .as("the pending source's connection was closed at the deadline").isPositive();
    }

    @Test
    void completeAnswerIsCachedAsInGroupMode() {
        partialSearch().then().statusCode(200)
                .header("Cache-Control", "max-age=60")
                .body("complete", is(true))
                .body("sources.status", contains("ok", "ok"))
                .body("results.source", contains("pythonbytes", "talkpython"));
    }

    @Test
    void noSourceAnsweringIs502ListingEverySource() {
        talkPython.answer(Reply.status(500, "text/plain", "boom"));
        pythonBytes.answer(Reply.status(404, "text/html", "<h1>Not Found</h1>"));

        partialSearch().then().statusCode(502)
                .contentType("application/problem+json")
                .header("Cache-Control", "no-store")
                .body("type", is("urn:podcast-search:problem:no-source-answered"))
                .body("sources.id", contains("pythonbytes", "talkpython"))
                .body("sources.status", contains("failed", "failed"))
                .body("sources.reason", contains("answered HTTP 404", "answered HTTP 500"));
    }

    @Test
    void everySourceTimingOutIs504() {
        talkPython.answer(Reply.never());
        pythonBytes.answer(Reply.never());

        partialSearch().then().statusCode(504)
                .contentType("application/problem+json")
                .body("pending_sources", contains("pythonbytes", "talkpython"))
                .body("sources.status", contains("timed_out", "timed_out"));
    }

    @Test
    void serverTimingNamesEverySourceOnAnswersAndProblems() {
        ServerTimingHeader answered = ServerTimingHeader.of(partialSearch().then().statusCode(200).extract());
        assertThat(answered.metrics()).containsExactly("pythonbytes", "talkpython", "total");
        assertThat(answered.description("talkpython")).isEqualTo("Talk Python To Me");

        talkPython.answer(Reply.status(500, "text/plain", "boom"));
        pythonBytes.answer(Reply.status(500, "text/plain", "boom"));
        ServerTimingHeader failed = ServerTimingHeader.of(partialSearch().then().statusCode(502).extract());
        assertThat(failed.metrics()).containsExactly("pythonbytes", "talkpython", "total");

        talkPython.answer(Reply.never());
        pythonBytes.answer(Reply.never());
        ServerTimingHeader timedOut = ServerTimingHeader.of(partialSearch().then().statusCode(504).extract());
        assertThat(timedOut.duration("talkpython")).isGreaterThanOrEqualTo(TIMEOUT.toMillis());
        assertThat(timedOut.duration("total")).isGreaterThanOrEqualTo(timedOut.duration("talkpython"));
    }

    @Test
    void groupModeStaysTheDefault() {
        talkPython.answer(Reply.status(500, "text/plain", "boom"));

        given().queryParam("q", "rust").when().get("/search").then().statusCode(502)
                .body("source", is("talkpython"))
                .body("sources.id", contains("pythonbytes", "talkpython"))
                .body("sources.status", contains(oneOf("ok", "cancelled"), is("failed")));
    }

    private static Response partialSearch() {
        return given().queryParam("q", "rust").queryParam("partial", "true").when().get("/search");
    }
}
