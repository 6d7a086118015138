package dev.podcastsearch.logging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.support.CapturedLog;
import dev.podcastsearch.support.lambda.EventServerInvocations;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** One log line per request, whatever the caller puts in it. */
@QuarkusTest
@WithTestResource(Upstreams.class)
class RequestLogTest {

    private static final String FORGED = "\n2026-01-01 12:00:00,000 INFO  [dev.podcastsearch] forged";

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    private CapturedLog log;

    @BeforeEach
    void captureTheRequestLog() {
        talkPython.answer(Reply.json("{\"keywords\": [], \"results\": []}"));
        pythonBytes.answer(Reply.json("{\"keywords\": [], \"episodes\": []}"));
        log = CapturedLog.of(RequestLog.class);
    }

    @AfterEach
    void release() {
        log.close();
    }

    @Test
    void searchIsLoggedWithItsParametersStatusAndEachSource() {
        given().queryParam("q", "rust").queryParam("category", "all").when().get("/search").then().statusCode(200);

        assertThat(log.messages()).singleElement().asString()
                .matches("GET \"/search\" q=\"rust\" category=\"all\" -> 200 in \\d+ ms"
                        + " pythonbytes=ok/\\d+ms talkpython=ok/\\d+ms");
    }

    @Test
    void failedSourceIsLoggedWithItsStatus() {
        talkPython.answer(Reply.status(500, "text/plain", "boom"));

        given().queryParam("q", "rust").queryParam("partial", "true").when().get("/search").then().statusCode(200);

        assertThat(log.messages()).singleElement().asString()
                .matches("GET \"/search\" q=\"rust\" partial=\"true\" -> 200 in \\d+ ms"
                        + " pythonbytes=ok/\\d+ms talkpython=failed/\\d+ms");
    }

    @Test
    void refusedSearchIsLoggedToo() {
        given().queryParam("q", "x".repeat(201)).when().get("/search").then().statusCode(400);

        assertThat(log.messages()).singleElement().asString().startsWith("GET \"/search\" q=\"xxx").contains("-> 400");
    }

    @Test
    void queryCannotForgeALogLine() {
        given().queryParam("q", "rust" + FORGED).when().get("/search").then().statusCode(400);

        assertThat(log.messages()).singleElement().asString()
                .doesNotContain("\n", "\r")
                .contains("q=\"rust\\n2026-01-01 12:00:00,000 INFO  [dev.podcastsearch] forged\"");
    }

    @Test
    void pathCannotForgeALogLine() {
        given().urlEncodingEnabled(false).when().get("/search%0D%0A2026-01-01%20INFO%20forged%E2%80%A8%E2%80%AE")
                .then().statusCode(404);

        assertThat(log.messages()).singleElement().asString()
                .doesNotContain("\n", "\r", "\u2028", "\u202e")
                .startsWith("GET \"/search\\r\\n2026-01-01 INFO forged\\u2028\\u202e\" -> 404");
    }

    @Test
    void quotesInAValueCannotEndItsQuotes() {
        given().queryParam("q", "rust\" status=\"200").when().get("/search").then().statusCode(200);

        assertThat(log.messages()).singleElement().asString().contains("q=\"rust\\\" status=\\\"200\"");
    }

    @Test
    void overlongValuesAreCut() {
        EventServerInvocations.invoke(HttpApiEvents.searchWithRawQuery("q=" + "x".repeat(10_000), Map.of()));

        assertThat(log.messages()).singleElement().asString()
                .contains("q=\"" + "x".repeat(RequestLog.MAX_LOGGED_LENGTH) + "\"...(10000 characters) -> 400")
                .hasSizeLessThan(300);
    }
}
