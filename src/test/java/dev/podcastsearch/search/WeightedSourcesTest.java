package dev.podcastsearch.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A source's weight counts in the merge: Talk Python at 2 ranks its third hit above Python Bytes' first. */
@QuarkusTest
@TestProfile(WeightedSourcesTest.TalkPythonCountsDouble.class)
class WeightedSourcesTest {

    public static class TalkPythonCountsDouble implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("search.sources.talkpython.weight", "2");
        }
    }

    @Test
    void aHeavierSourcesHitsComeFirstAndExplainShowsTheWeightedScore() {
        given().queryParam("q", "pydantic").queryParam("explain", "true").when().get("/search")
                .then().statusCode(200)
                .body("results.source", contains("talkpython", "talkpython", "talkpython", "pythonbytes",
                        "pythonbytes"))
                .body("results[0].score", is((float) (2.0 / 61)))
                .body("results[3].score", is((float) (1.0 / 61)));
    }
}
