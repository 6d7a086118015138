package dev.podcastsearch.source;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** A third source that speaks the same API takes configuration only. */
@QuarkusTest
@TestProfile(ConfiguredSourcesTest.ThirdSource.class)
class ConfiguredSourcesTest {

    public static class ThirdSource implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            // The stand-in's Talk Python samples, served again under another id.
            return Map.of(
                    "search.sources.mirror.base-url", "http://localhost:${quarkus.wiremock.devservices.port}/talkpython",
                    "search.sources.mirror.name", "Talk Python Mirror");
        }
    }

    @Test
    void configuredSourceIsSearchedLikeTheOthers() {
        given().queryParam("q", "fastapi")
                .when().get("/search")
                .then().statusCode(200)
                .body("sources.id", contains("mirror", "pythonbytes", "talkpython"))
                .body("sources.name", contains("Talk Python Mirror", "Python Bytes", "Talk Python To Me"))
                .body("sources.result_count", contains(1, 1, 1))
                .body("results.source", contains("mirror", "pythonbytes", "talkpython"));
    }

    /** No site-url configured: links that are paths lead to the origin of the source's base-url. */
    @Test
    void configuredSourceWithoutSiteResolvesPathsAgainstItsBaseUrl() {
        int port = ConfigProvider.getConfig().getValue("quarkus.wiremock.devservices.port", Integer.class);
        given().queryParam("q", "fastapi")
                .when().get("/search")
                .then().statusCode(200)
                .body("results[0].source", is("mirror"))
                .body("results[0].url", is("http://localhost:" + port + "/episodes/show/284/modern-and-fast-apis-with-fastapi"))
                .body("results[2].url", is("https://talkpython.fm/episodes/show/284/modern-and-fast-apis-with-fastapi"));
    }
}
