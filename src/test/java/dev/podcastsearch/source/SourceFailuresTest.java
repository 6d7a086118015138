package dev.podcastsearch.source;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.support.InjectUpstream;
import dev.podcastsearch.support.Reply;
import dev.podcastsearch.support.ScriptedUpstream;
import dev.podcastsearch.support.Upstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Each way a source can fail gives a 502 problem naming the source and a reason a person can act on. */
@QuarkusTest
@WithTestResource(Upstreams.class)
class SourceFailuresTest {

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @BeforeEach
    void healthyTalkPython() {
        talkPython.answer(Reply.json("{\"keywords\": [], \"results\": []}"));
    }

    @Test
    void non200StatusIsASourceFailure() {
        pythonBytes.answer(Reply.status(503, "text/plain", "down for maintenance"));

        sourceFailure("pythonbytes", "answered HTTP 503");
    }

    @Test
    void resetConnectionIsASourceFailure() {
        pythonBytes.answer(Reply.reset());

        sourceFailure("pythonbytes", "connection closed before a complete answer");
    }

    @Test
    void bodyThatIsNotJsonIsASourceFailure() {
        pythonBytes.answer(Reply.json("<html>Bad gateway</html>"));

        sourceFailure("pythonbytes", "response is not the expected JSON");
    }

    @Test
    void htmlPageIsASourceFailure() {
        pythonBytes.answer(Reply.status(200, "text/html", "<html>Bad gateway</html>"));

        sourceFailure("pythonbytes", "answered text/html, not JSON");
    }

    @Test
    void jsonWithoutAHitListIsASourceFailure() {
        pythonBytes.answer(Reply.json("{\"keywords\": []}"));

        sourceFailure("pythonbytes", "response has neither 'results' nor 'episodes'");
    }

    @Test
    void failureNeverEchoesTheSourceUrl() {
        pythonBytes.answer(Reply.status(500, "text/plain", "boom"));

        given().queryParam("q", "rust").when().get("/search")
                .then().statusCode(502)
                .body(not(containsString("127.0.0.1")))
                .body(not(containsString("Exception")));
    }

    private static void sourceFailure(String source, String reason) {
        given().queryParam("q", "rust").when().get("/search")
                .then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", is("urn:podcast-search:problem:source-failure"))
                .body("title", is("A podcast source failed"))
                .body("status", is(502))
                .body("source", is(source))
                .body("reason", is(reason))
                .body("detail", containsString(source));
    }
}
