package dev.podcastsearch.contract;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The document at /openapi: both formats, every status of the search, and not the page. */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void documentIsServedAsYamlAndJson() {
        given().when().get("/openapi")
                .then().statusCode(200)
                .contentType(startsWith("application/yaml"))
                .body(containsString("openapi: 3.0.3"));
        given().queryParam("format", "json").when().get("/openapi")
                .then().statusCode(200)
                .contentType(startsWith("application/json"))
                .body("openapi", is("3.0.3"))
                .body("paths", hasKey("/search"))
                .body("paths", not(hasKey("/")));
    }
}
