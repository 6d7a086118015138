package dev.podcastsearch.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The document at /openapi: both formats, every method and status of the search, and not the page. */
@QuarkusTest
class OpenApiDocumentTest {

    /**
     * The committed copy is what clients are generated from (GeneratedClientTest, and the command in
     * src/site/markdown/api.md), and what .ci/run lints. When the API changes on purpose:
     * cp target/openapi/openapi.yaml src/main/openapi/podcast-search.yaml
     */
    @Test
    void committedCopyIsTheDocumentServed() throws Exception {
        String served = given().when().get("/openapi").then().statusCode(200).extract().asString();
        assertThat(served)
                .as("src/main/openapi/podcast-search.yaml differs from the document built from the code: if the API"
                        + " changed on purpose, cp target/openapi/openapi.yaml src/main/openapi/podcast-search.yaml")
                .isEqualTo(Files.readString(Path.of("src/main/openapi/podcast-search.yaml")));
    }

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

    /** Quarkus REST answers HEAD and OPTIONS by itself; the document says so, as Allow does. */
    @Test
    void documentNamesEveryMethodTheSearchAnswers() {
        given().queryParam("format", "json").when().get("/openapi")
                .then().statusCode(200)
                .body("paths.'/search'.keySet()", containsInAnyOrder("get", "head", "options"))
                .body("paths.'/search'.head.operationId", is("searchHead"))
                .body("paths.'/search'.head.parameters.name", contains("q", "category", "partial", "limit", "offset",
                        "published_after", "published_before", "min_duration", "max_duration", "sources", "sort",
                        "explain"))
                .body("paths.'/search'.head.responses.keySet()", hasItems("200", "400", "502", "503", "504"))
                .body("paths.'/search'.head.responses.'200'", not(hasKey("content")))
                .body("paths.'/search'.options.responses.'200'.headers", hasKey("Allow"));
    }

    /** The feed of a search takes the search's parameters, whatever they are, and answers RSS or 304. */
    @Test
    void documentNamesTheFeedOfASearchWithTheSearchsParameters() {
        given().queryParam("format", "json").when().get("/openapi")
                .then().statusCode(200)
                .body("paths.'/search.rss'.keySet()", containsInAnyOrder("get", "head", "options"))
                .body("paths.'/search.rss'.get.operationId", is("searchFeed"))
                .body("paths.'/search.rss'.get.parameters", is(JsonPath.from(
                        given().queryParam("format", "json").when().get("/openapi").asString())
                        .getList("paths.'/search'.get.parameters")))
                .body("paths.'/search.rss'.get.responses.'200'.content", hasKey("application/rss+xml"))
                .body("paths.'/search.rss'.get.responses.keySet()", hasItems("200", "304", "400", "502", "503", "504"))
                .body("paths.'/search.rss'.head.parameters.name", is(JsonPath.from(
                        given().queryParam("format", "json").when().get("/openapi").asString())
                        .getList("paths.'/search'.get.parameters.name")));
    }

    /** What the API linters in .ci/run ask for: a server relative to the document, a licence, a contact, tags. */
    @Test
    void documentSaysWhereItsServerIsUnderWhatLicenceAndTagsEveryOperation() {
        given().queryParam("format", "json").when().get("/openapi")
                .then().statusCode(200)
                .body("servers.url", contains("."))
                .body("info.license.name", is("Apache-2.0"))
                .body("info.contact.name", is("podcast-search"))
                .body("tags.name", contains("search"))
                .body("paths.'/search'.collect { it.value.tags }.flatten()", everyItem(is("search")))
                .body("security", empty());
    }
}
