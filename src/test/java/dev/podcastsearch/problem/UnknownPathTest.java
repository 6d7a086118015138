package dev.podcastsearch.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class UnknownPathTest {

    @Test
    void unknownPathIsA404Problem() {
        given().when().get("/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", is(404))
                .body("detail", containsString("GET /search?q="));
    }
}
