package dev.podcastsearch.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.podcastsearch.support.OpenApiContract;
import org.junit.jupiter.api.AfterEach;

import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Every answer tells browsers not to guess its type, and caches how long they may keep it: a search result
 * a minute, anything else not at all. Problems never show where the sources live.
 */
@QuarkusTest
@WithTestResource(Upstreams.class)
class ResponseHeadersTest {

    /** Every exchange here is held to the OpenAPI document: its answers (its requests break the rules on purpose). */
    @BeforeEach
    void holdToTheOpenApiDocument() {
        OpenApiContract.install(false);
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
        talkPython.answer(Reply.json("{\"keywords\": [], \"results\": []}"));
        pythonBytes.answer(Reply.json("{\"keywords\": [], \"episodes\": []}"));
    }

    @Test
    void searchResultMayBeCachedForAMinute() {
        headers(given().queryParam("q", "rust").when().get("/search").then().statusCode(200), "max-age=60");
    }

    @Test
    void headAnswerMayBeCachedLikeTheSearch() {
        headers(given().queryParam("q", "rust").when().head("/search").then().statusCode(200), "max-age=60");
    }

    @Test
    void invalidParameterProblemIsNotStored() {
        headers(given().when().get("/search").then().statusCode(400), "no-store");
    }

    @Test
    void unknownPathProblemIsNotStored() {
        headers(given().when().get("/nothing-here").then().statusCode(404), "no-store");
    }

    @Test
    void methodNotAllowedProblemIsNotStored() {
        headers(given().when().post("/search").then().statusCode(405), "no-store");
    }

    @Test
    void optionsAnswerIsNotStored() {
        headers(given().when().options("/search").then().statusCode(200), "no-store");
    }

    @Test
    void sourceFailureIsNotStoredAndHidesWhereTheSourceLives() {
        pythonBytes.answer(Reply.status(500, "text/plain", "boom at " + pythonBytes.baseUrl()));

        hidesSources(headers(given().queryParam("q", "rust").when().get("/search").then().statusCode(502), "no-store"));
    }

    @Test
    void timeoutIsNotStoredAndHidesWhereTheSourceLives() {
        talkPython.answer(Reply.never());

        hidesSources(headers(given().queryParam("q", "rust").when().get("/search").then().statusCode(504), "no-store"));
    }

    private static ValidatableResponse headers(ValidatableResponse answer, String cacheControl) {
        return answer.header("X-Content-Type-Options", "nosniff").header("Cache-Control", cacheControl);
    }

    private void hidesSources(ValidatableResponse answer) {
        for (ScriptedUpstream upstream : new ScriptedUpstream[] { talkPython, pythonBytes }) {
            String port = upstream.baseUrl().substring(upstream.baseUrl().lastIndexOf(':') + 1);
            answer.body(not(containsString(port)));
        }
        answer.body(not(containsString("127.0.0.1")))
                .body(not(containsString("http://")))
                .body(not(containsString("Exception")))
                .body(not(containsString("dev.podcastsearch")));
    }
}
