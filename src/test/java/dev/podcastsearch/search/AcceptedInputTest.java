package dev.podcastsearch.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.support.EventServerInvocations;
import dev.podcastsearch.support.HttpApiEvents;
import dev.podcastsearch.support.InjectUpstream;
import dev.podcastsearch.support.ProxyResponse;
import dev.podcastsearch.support.Reply;
import dev.podcastsearch.support.ScriptedUpstream;
import dev.podcastsearch.support.Upstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Unusual input the search accepts, and what of it reaches the sources: only q. */
@QuarkusTest
@WithTestResource(Upstreams.class)
class AcceptedInputTest {

    private static final String NO_HITS = "{\"keywords\": [], \"results\": []}";

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @BeforeEach
    void healthyUpstreams() {
        talkPython.answer(Reply.json(NO_HITS));
        pythonBytes.answer(Reply.json(NO_HITS));
    }

    /** Links often carry tracking or cache-busting parameters; they are ignored, not refused, and not passed on. */
    @Test
    void unknownParametersAreIgnoredAndNotPassedOn() {
        given().urlEncodingEnabled(false).when().get("/search?utm_source=newsletter&q=rust&_=1700000000")
                .then().statusCode(200).body("query", is("rust"));

        assertThat(talkPython.requests()).singleElement()
                .satisfies(request -> assertThat(request.target()).isEqualTo("/api/search?q=rust"));
    }

    @Test
    void queryOf200CharactersIsAccepted() {
        String microphones = "\uD83C\uDF99".repeat(200); // 200 characters, 400 UTF-16 units

        given().queryParam("q", microphones).when().get("/search").then().statusCode(200).body("query", is(microphones));
    }

    /** HEAD is GET without the body, as JAX-RS serves it: same status and headers, and the same search behind them. */
    @Test
    void headAnswersLikeGetWithoutABody() {
        given().queryParam("q", "rust").when().head("/search")
                .then().statusCode(200)
                .contentType("application/json")
                .body(is(emptyString()));

        assertThat(talkPython.requests()).singleElement()
                .satisfies(request -> assertThat(request.q()).isEqualTo("rust"));
    }

    /**
     * API Gateway refuses requests whose headers pass about 10 KB; the function itself has no header limit
     * on the Lambda path (the local event server's HTTP front refuses over 8 KB with 431), and a big
     * header changes nothing.
     */
    @Test
    void twentyKilobyteHeaderIsHandled() {
        ProxyResponse answer = EventServerInvocations.invoke(HttpApiEvents.searchWithRawQuery("q=rust",
                Map.of("x-padding", "x".repeat(20_000))));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("\"query\":\"rust\"");
    }
}
