package dev.podcastsearch.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;
import dev.podcastsearch.source.api.SearchApiSource;
import dev.podcastsearch.support.CapturedLog;
import dev.podcastsearch.support.OpenApiContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The unified answer, against the WireMock stand-ins that also serve dev mode: the sample responses
 * under src/test/resources/wiremock, each in its own API's format.
 */
@QuarkusTest
class SearchResourceTest {

    /** Every exchange here is held to the OpenAPI document: its requests and answers. */
    @BeforeEach
    void holdToTheOpenApiDocument() {
        OpenApiContract.install(true);
    }

    @AfterEach
    void releaseTheOpenApiDocument() {
        OpenApiContract.uninstall();
    }

    @Test
    void mergesBothSourcesIntoOneAnswer() {
        given().queryParam("q", "pydantic")
                .when().get("/search")
                .then().statusCode(200)
                .contentType("application/json")
                .body("query", is("pydantic"))
                .body("category", is("episode"))
                .body("keywords", contains("pydantic"))
                .body("elapsed_ms", greaterThanOrEqualTo(0))
                .body("sources.id", contains("pythonbytes", "talkpython"))
                .body("sources.name", contains("Python Bytes", "Talk Python To Me"))
                .body("sources.result_count", contains(2, 3))
                .body("sources.elapsed_ms", everyItem(greaterThanOrEqualTo(0)));
    }

    @Test
    void unifiesIdsAndListFieldsOfBothApis() {
        given().queryParam("q", "pydantic")
                .when().get("/search")
                .then().statusCode(200)
                // Python Bytes' item_id under "episodes" and Talk Python's id under "results", interleaved by rank.
                .body("results.source", contains("pythonbytes", "talkpython", "pythonbytes", "talkpython", "talkpython"))
                .body("results.id", contains(323, 376, 322, 313, 284))
                .body("results[1].title", is("Pydantic v2 - The Plan"))
                .body("results[1].url", is("https://talkpython.fm/episodes/show/376/pydantic-v2-the-plan"))
                .body("results[1].description", is(
                        "Pydantic has become a core building block for many Python projects. Samuel Colvin shares the plan for Pydantic v2 and its Rust core."));
    }

    @Test
    void categoriesAreComparedInAnyCaseAndAnsweredInLowerCase() {
        given().queryParam("q", "pydantic").queryParam("category", "episode")
                .when().get("/search")
                .then().statusCode(200)
                // "Episode", "episode": both count; the sample's "Transcript" hits do not.
                .body("results.category", everyItem(is("episode")))
                .body("results", hasSize(5));
    }

    @Test
    void transcriptCategoryKeepsOnlyTranscripts() {
        given().queryParam("q", "pydantic").queryParam("category", "Transcript")
                .when().get("/search")
                .then().statusCode(200)
                .body("category", is("transcript"))
                .body("results.id", contains(322, 376))
                .body("results.category", everyItem(is("transcript")))
                .body("sources.result_count", contains(1, 1));
    }

    @Test
    void allCategoryKeepsEveryHit() {
        given().queryParam("q", "pydantic").queryParam("category", "all")
                .when().get("/search")
                .then().statusCode(200)
                .body("results", hasSize(7))
                .body("sources.result_count", contains(3, 4));
    }

    @Test
    void queryIsTrimmed() {
        given().queryParam("q", "   fastapi  ")
                .when().get("/search")
                .then().statusCode(200)
                .body("query", is("fastapi"))
                .body("keywords", contains("fastapi"))
                .body("results.id", contains(323, 284));
    }

    @Test
    void aQueryWithoutHitsAnswersAnEmptyList() {
        given().queryParam("q", "cobol")
                .when().get("/search")
                .then().statusCode(200)
                .body("results", hasSize(0))
                .body("sources.result_count", contains(0, 0));
    }

    @Test
    void hitsUnderEpisodesCountBesideAnEmptyResultsList() {
        // Python Bytes' pydantic sample carries "results": [] beside its "episodes", as the live API does.
        given().queryParam("q", "pydantic").queryParam("category", "all")
                .when().get("/search")
                .then().statusCode(200)
                .body("results.findAll { it.source == 'pythonbytes' }.id", contains(323, 322, 322));
    }

    @Test
    void hitListedUnderBothFieldsIsKeptOnce() {
        given().queryParam("q", "fastapi")
                .when().get("/search")
                .then().statusCode(200)
                .body("results.findAll { it.source == 'pythonbytes' }.id", contains(323))
                .body("sources.result_count", contains(1, 1));
    }

    @Test
    void linksThatArePathsLeadToThePodcastsSite() {
        given().queryParam("q", "pydantic").queryParam("category", "all")
                .when().get("/search")
                .then().statusCode(200)
                .body("results.findAll { it.source == 'talkpython' }.url", contains(
                        "https://talkpython.fm/episodes/show/376/pydantic-v2-the-plan",
                        "https://talkpython.fm/episodes/show/313/automate-your-data-exchange-with-pydantic",
                        "https://talkpython.fm/episodes/transcript/376/pydantic-v2-the-plan",
                        "https://talkpython.fm/episodes/show/284/modern-and-fast-apis-with-fastapi"));
    }

    @Test
    void unsafeLinkIsLeftOutAndTheRestOfTheHitKept() {
        // Talk Python's fastapi sample links its transcript to "javascript:alert(document.domain)".
        given().queryParam("q", "fastapi").queryParam("category", "transcript")
                .when().get("/search")
                .then().statusCode(200)
                .body("results", hasSize(1))
                .body("results[0].title", is("Transcript for Modern and fast APIs with FastAPI"))
                .body("results[0].description", is("Full transcript of the FastAPI episode."))
                .body("results[0]", hasKey("url"))
                .body("results[0].url", nullValue());
    }

    @Test
    void everyHitSaysWhenItWasPublishedOrNull() {
        // The search APIs send no date, so their hits say null; a feed's say its pubDate (see the feed tests).
        given().queryParam("q", "pydantic")
                .when().get("/search")
                .then().statusCode(200)
                .body("results", everyItem(hasKey("published")))
                .body("results.published", everyItem(nullValue()));
    }

    @Test
    void limitAndOffsetSelectAWindowOfTheMergedHits() {
        // The five merged hits for pydantic: 323, 376, 322, 313, 284 (unifiesIdsAndListFieldsOfBothApis).
        given().queryParam("q", "pydantic").queryParam("limit", "2").queryParam("offset", "1")
                .when().get("/search")
                .then().statusCode(200)
                .body("total", is(5))
                .body("limit", is(2))
                .body("offset", is(1))
                .body("results.id", contains(376, 322))
                // Each source's count is of its hits before paging.
                .body("sources.result_count", contains(2, 3));
    }

    @Test
    void offsetPastTheEndAnswersAnEmptyWindowWithTheTotal() {
        given().queryParam("q", "pydantic").queryParam("offset", "1000")
                .when().get("/search")
                .then().statusCode(200)
                .body("total", is(5))
                .body("results", hasSize(0));
    }

    @Test
    void withoutPagingParametersTheFirstFiftyHitsAreAnswered() {
        given().queryParam("q", "pydantic")
                .when().get("/search")
                .then().statusCode(200)
                .body("total", is(5))
                .body("limit", is(50))
                .body("offset", is(0))
                .body("results", hasSize(5));
    }

    /** One WARN per answer, counting what was left out in words an operator reads (dev mode shows it too). */
    @Test
    void leftOutLinkIsCountedInOneWarningThatReads() {
        try (CapturedLog log = CapturedLog.of(SearchApiSource.class)) {
            given().queryParam("q", "fastapi").queryParam("category", "transcript")
                    .when().get("/search")
                    .then().statusCode(200);

            assertThat(log.messages()).containsExactly(
                    "source talkpython sent 1 link that is neither an http(s) URL nor a path on its site; left out");
        }
    }
}
