package dev.podcastsearch.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.support.InjectUpstream;
import dev.podcastsearch.support.ScriptedUpstream;
import dev.podcastsearch.support.Upstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** Bad input is refused with a 400 problem that says what is allowed, and never reaches a source. */
@QuarkusTest
@WithTestResource(Upstreams.class)
class SearchValidationTest {

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @AfterEach
    void noSourceWasCalled() {
        assertThat(talkPython.requests()).isEmpty();
        assertThat(pythonBytes.requests()).isEmpty();
    }

    @Test
    void missingQueryIsRefused() {
        badRequest(given().when().get("/search"), "q").body("detail", containsString("1 to 200 characters"));
    }

    @Test
    void blankQueryIsRefused() {
        badRequest(given().queryParam("q", "   ").when().get("/search"), "q")
                .body("detail", containsString("q is required"));
    }

    @Test
    void queryLongerThan200CharactersIsRefused() {
        badRequest(given().queryParam("q", "x".repeat(201)).when().get("/search"), "q")
                .body("detail", is("q is 201 characters long; at most 200 are allowed"));
    }

    @Test
    void unknownCategoryIsRefusedWithTheAllowedValues() {
        badRequest(given().queryParam("q", "rust").queryParam("category", "video").when().get("/search"), "category")
                .body("detail", containsString("episode, transcript or all"));
    }

    private static ValidatableResponse badRequest(io.restassured.response.Response response, String parameter) {
        return response.then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("title", is("Invalid request parameter"))
                .body("parameter", is(parameter));
    }
}
