package dev.podcastsearch.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The caller's text only ever becomes the encoded q value of a request to a configured base URL: it can
 * change neither the path, nor the host, nor add parameters or a fragment.
 */
@QuarkusTest
@WithTestResource(Upstreams.class)
class UpstreamRequestTest {

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @ParameterizedTest
    @ValueSource(strings = { "../../admin", "rust?admin=true", "rust#fragment", "rust&x=1", "http://evil.example/",
            "//evil.example/api", "%2e%2e%2f", "rust\\..\\", "@evil.example" })
    void queryReachesTheSourceOnlyAsTheQValue(String query) {
        talkPython.answer(Reply.json("{\"keywords\": [], \"results\": []}"));
        pythonBytes.answer(Reply.json("{\"keywords\": [], \"episodes\": []}"));

        given().queryParam("q", query).when().get("/search").then().statusCode(200);

        for (ScriptedUpstream upstream : new ScriptedUpstream[] { talkPython, pythonBytes }) {
            assertThat(upstream.requests()).singleElement().satisfies(request -> {
                assertThat(request.target()).startsWith("/api/search?q=");
                String encoded = request.target().substring("/api/search?q=".length());
                assertThat(encoded).as("one parameter, no fragment, nothing left raw").doesNotContain("&", "#", "?", "/", "=");
                assertThat(request.q()).isEqualTo(query);
            });
        }
    }
}
