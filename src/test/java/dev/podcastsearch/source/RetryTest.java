package dev.podcastsearch.source;

import static dev.podcastsearch.support.upstream.Faults.assertCancelled;
import static dev.podcastsearch.support.upstream.Faults.searchFailsWith;
import static dev.podcastsearch.support.upstream.Faults.timedSearch;
import static dev.podcastsearch.support.upstream.Faults.warmUp;
import static dev.podcastsearch.support.upstream.OneHitAnswers.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.OneHitAnswers.TALK_PYTHON;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.source.api.SearchApiSource;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A failure that may pass is tried once more, within the deadline; nothing else is. Retries are counted
 * as requests at the upstream.
 */
@QuarkusTest
@WithTestResource(Upstreams.class)
class RetryTest {

    private static final Reply UNAVAILABLE = Reply.status(503, "text/plain", "busy");

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @BeforeEach
    void warmedUpAndHealthy() {
        talkPython.answer(Reply.json(TALK_PYTHON));
        pythonBytes.answer(Reply.json(PYTHON_BYTES));
        warmUp();
        pythonBytes.answer(Reply.json(PYTHON_BYTES));
    }

    @Test
    void serviceUnavailableOnceIsRetriedAndAnswers() {
        talkPython.answer(UNAVAILABLE, Reply.json(TALK_PYTHON));

        bothSourcesAnswer();

        assertThat(talkPython.requests()).hasSize(2);
    }

    @Test
    void tooManyRequestsWithAShortRetryAfterIsRetried() {
        talkPython.answer(Reply.raw("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0\r\nContent-Length: 0\r\n\r\n"),
                Reply.json(TALK_PYTHON));

        bothSourcesAnswer();

        assertThat(talkPython.requests()).hasSize(2);
    }

    @Test
    void connectionClosedBeforeAnAnswerIsRetriedOnANewConnection() {
        talkPython.answer(Reply.close(), Reply.json(TALK_PYTHON));

        bothSourcesAnswer();

        assertThat(talkPython.requests()).hasSize(2);
    }

    @Test
    void sourceThatFailsEveryTimeIsRetriedOnlyOnce() throws InterruptedException {
        talkPython.answer(UNAVAILABLE);

        searchFailsWith("talkpython", "answered HTTP 503");

        TimeUnit.MILLISECONDS.sleep(2 * SearchApiSource.RETRY_DELAY_MILLIS);
        assertThat(talkPython.requests()).hasSize(2);
    }

    @Test
    void retryAfterLongerThanHalfTheTimeoutIsNotWaitedFor() {
        talkPython.answer(Reply.raw("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 2\r\nContent-Length: 0\r\n\r\n"),
                Reply.json(TALK_PYTHON));
        long started = System.nanoTime();

        searchFailsWith("talkpython", "answered HTTP 429 (Retry-After: 2)");

        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).as("failed at once, not after 2 s")
                .isLessThan(1000);
        assertThat(talkPython.requests()).hasSize(1);
    }

    @Test
    void failuresThatWouldRecurAreNotRetried() {
        talkPython.answer(Reply.status(500, "text/plain", "boom"), Reply.json(TALK_PYTHON));

        searchFailsWith("talkpython", "answered HTTP 500");

        assertThat(talkPython.requests()).hasSize(1);
    }

    @Test
    void retryThatHangsEndsAtTheDeadline() throws InterruptedException {
        // Late enough that the hanging retry's read timeout would close it well after the deadline.
        talkPython.answer(UNAVAILABLE.after(Duration.ofMillis(500)), Reply.never());

        timedSearch().then().statusCode(504).body("pending_sources", contains("talkpython"));

        assertThat(talkPython.requests()).hasSize(2);
        assertCancelled(talkPython);
    }

    @Test
    void waitBeforeRetryIsCancelledWhenTheSiblingFails() throws InterruptedException {
        talkPython.answer(UNAVAILABLE, Reply.json(TALK_PYTHON));
        // Python Bytes fails while Talk Python waits the retry delay.
        pythonBytes.answer(Reply.status(500, "text/plain", "boom").after(Duration.ofMillis(50)));

        searchFailsWith("pythonbytes", "answered HTTP 500");

        TimeUnit.MILLISECONDS.sleep(3 * SearchApiSource.RETRY_DELAY_MILLIS);
        assertThat(talkPython.requests()).as("the retry was never sent").hasSize(1);
    }

    private static void bothSourcesAnswer() {
        given().queryParam("q", "rust").when().get("/search")
                .then().statusCode(200)
                .body("results.source", contains("pythonbytes", "talkpython"));
    }
}
