package dev.podcastsearch.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.podcastsearch.support.OpenApiContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.podcastsearch.support.lambda.EventServerInvocations;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Unusual input the search accepts, and what of it reaches the sources: only q. */
@QuarkusTest
@WithTestResource(Upstreams.class)
class AcceptedInputTest {

    /** Every exchange here is held to the OpenAPI document: its answers (its requests break the rules on purpose). */
    @BeforeEach
    void holdToTheOpenApiDocument() {
        OpenApiContract.install(false);
    }

    @AfterEach
    void releaseTheOpenApiDocument() {
        OpenApiContract.uninstall();
    }

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

    /** Issue 14, item 2: %EF%BF%BD is valid UTF-8 for U+FFFD, told apart from bytes that are not UTF-8. */
    @Test
    void realReplacementCharacterIsSearched() {
        given().urlEncodingEnabled(false).when().get("/search?q=%EF%BF%BD")
                .then().statusCode(200).body("query", is("\uFFFD"));

        assertThat(talkPython.requests()).singleElement()
                .satisfies(request -> assertThat(request.q()).isEqualTo("\uFFFD"));
    }

    /** Issue 14, item 5: only '&' separates parameters, so a ';' is part of the query. */
    @Test
    void semicolonIsPartOfTheQuery() {
        searched("q=rust;go", "rust;go");
    }

    @Test
    void queryAfterAThousandOtherParametersIsFound() {
        StringBuilder query = new StringBuilder();
        for (int i = 0; i < 1_100; i++) {
            query.append("p").append(i).append("=x&");
        }
        ProxyResponse answer = EventServerInvocations.invoke(HttpApiEvents.searchWithRawQuery(query + "q=rust", Map.of()));

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.json().get("query").asText()).isEqualTo("rust");
    }

    /** Names are case-sensitive: Q is another parameter, ignored, not a second q. */
    @Test
    void upperCaseQIsAnotherParameter() {
        searched("q=rust&Q=go", "rust");
    }

    /** As in forms, '+' is a space; a plus sign is sent as %2B, as the API page's tricky query shows. */
    @Test
    void plusIsASpaceAndPercent2BAPlus() {
        searched("q=c%2B%2B+rust", "c++ rust");
    }

    /** Names are percent-decoded like values: %71 is q. */
    @Test
    void percentEncodedNameIsRead() {
        searched("%71=rust", "rust");
    }

    @Test
    void categoryIsReadInAnyAsciiCase() {
        given().queryParam("q", "rust").queryParam("category", "TranScript").when().get("/search")
                .then().statusCode(200).body("category", is("transcript"));
        given().queryParam("q", "rust").queryParam("category", "CHAPTER").when().get("/search")
                .then().statusCode(200).body("category", is("chapter"));
    }

    /** Issue 14, item 6: ranges with a q-value above 0 that cover JSON allow it, whatever else they exclude. */
    @ParameterizedTest
    @ValueSource(strings = { "text/html, */*;q=0.1", "*/*;q=0, application/json", "application/*;q=0.5", "application/json;q=1.000" })
    void acceptAllowingJsonWithAQValueGetsJson(String accept) {
        given().accept(accept).queryParam("q", "rust").when().get("/search")
                .then().statusCode(200).contentType("application/json").body("query", is("rust"));
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

    /** Sends the query string as written and checks what the search and the source both got. */
    private void searched(String rawQuery, String expected) {
        given().urlEncodingEnabled(false).when().get("/search?" + rawQuery)
                .then().statusCode(200).body("query", is(expected));

        assertThat(talkPython.requests()).singleElement()
                .satisfies(request -> assertThat(request.q()).isEqualTo(expected));
        assertThat(pythonBytes.requests()).singleElement()
                .satisfies(request -> assertThat(request.q()).isEqualTo(expected));
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
