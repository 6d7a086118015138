package dev.podcastsearch.page;

import static dev.podcastsearch.support.upstream.OneHitAnswers.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.OneHitAnswers.TALK_PYTHON;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

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

/** The page says why a source is paused, and when it will be asked again. Configured as SuspendedSourcesTest. */
@QuarkusTest
@WithTestResource(value = Upstreams.class, initArgs = {
        @ResourceArg(name = "search.suspension.enabled", value = "true"),
        @ResourceArg(name = "search.suspension.delay", value = "1s") })
class PausedSourceTest {

    private static final Reply BOOM = Reply.status(500, "text/plain", "boom");

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    /** Four healthy calls in Talk Python's window, so that two failures suspend it. */
    @BeforeEach
    void fourHealthyCalls() {
        healthy();
        for (int call = 0; call < 4; call++) {
            page().then().statusCode(200);
        }
    }

    @AfterEach
    void healthyAgain() throws InterruptedException {
        healthy();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!page().asString().contains("Talk Python To Me answered") && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(200);
        }
        page().then().body(containsString("Talk Python To Me answered"));
    }

    @Test
    void sourcePausedAsItAskedIsSaidToHaveAskedForIt() {
        talkPython.answer(Reply.raw("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3\r\nContent-Length: 0\r\n\r\n"));
        page().then().statusCode(200).body(containsString("Talk Python To Me could not be searched"));

        page().then().statusCode(200)
                .body(containsString("Talk Python To Me is paused, as it asked to be, and was not asked; it will be"
                        + " asked again in about "))
                .body(not(containsString("repeated failures")));
    }

    @Test
    void sourcePausedAfterFailuresIsSaidToHaveFailed() {
        talkPython.answer(BOOM);
        page().then().statusCode(200);
        page().then().statusCode(200);

        page().then().statusCode(200)
                .body(containsString("Talk Python To Me is paused after repeated failures and was not asked; it will be"
                        + " asked again in about 1 s."));
    }

    private void healthy() {
        talkPython.answer(Reply.json(TALK_PYTHON));
        pythonBytes.answer(Reply.json(PYTHON_BYTES));
    }

    private static Response page() {
        return given().accept("text/html").queryParam("q", "rust").when().get("/");
    }
}
