package dev.podcastsearch.search;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.podcastsearch.support.OpenApiContract;
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
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/**
 * Every kind of input the search does not run for, one row each: refused with a 4xx that says what is
 * allowed, or answered without a search. None of them reaches a source.
 */
@QuarkusTest
@WithTestResource(Upstreams.class)
class InputMatrixTest {

    /** Every exchange here is held to the OpenAPI document: its answers (its requests break the rules on purpose). */
    @BeforeEach
    void holdToTheOpenApiDocument() {
        OpenApiContract.install(false);
    }

    @AfterEach
    void releaseTheOpenApiDocument() {
        OpenApiContract.uninstall();
    }

    private static final Set<String> SEARCH_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    /** Upstreams are shared with other test classes: start from a clean record. */
    @BeforeEach
    void forgetEarlierRequests() {
        talkPython.answer(Reply.json("{\"keywords\": [], \"results\": []}"));
        pythonBytes.answer(Reply.json("{\"keywords\": [], \"episodes\": []}"));
    }

    @AfterEach
    void noSourceWasCalled() {
        assertThat(talkPython.requests()).isEmpty();
        assertThat(pythonBytes.requests()).isEmpty();
    }

    @Test
    void missingQueryIsRefused() {
        invalid(given().when().get("/search"), "q").body("detail", containsString("1 to 200 characters"));
    }

    @Test
    void emptyQueryIsRefused() {
        invalid(raw().get("/search?q="), "q").body("detail", containsString("q is required"));
    }

    @Test
    void blankQueryIsRefused() {
        invalid(given().queryParam("q", "   ").when().get("/search"), "q")
                .body("detail", containsString("q is required"));
    }

    @Test
    void queryLongerThan200CharactersIsRefused() {
        invalid(given().queryParam("q", "x".repeat(201)).when().get("/search"), "q")
                .body("detail", is("q is 201 characters long; at most 200 are allowed"));
    }

    /** API Gateway passes URLs of about 10 KB on; the function refuses such a q like any other too long. */
    @Test
    void tenThousandCharacterQueryIsRefusedByTheFunction() {
        ProxyResponse answer = EventServerInvocations.invoke(HttpApiEvents.searchWithRawQuery("q=" + "x".repeat(10_000), Map.of()));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.body()).contains("q is 10000 characters long; at most 200 are allowed");
    }

    /** Locally the mock event server's HTTP front (Vert.x, 4 KB request line) refuses it before the function. */
    @Test
    void tenThousandCharacterUrlIsRefusedByTheLocalEventServer() {
        // The 414 is the local event server's, as it would be API Gateway's: the function never sees the request.
        OpenApiContract.uninstall();
        raw().get("/search?q=" + "x".repeat(10_000)).then().statusCode(414).body(is(emptyString()));
    }

    @Test
    void newlineInQueryIsRefused() {
        controlCharacterRefused("%0A");
    }

    @Test
    void nulInQueryIsRefused() {
        controlCharacterRefused("%00");
    }

    @Test
    void escapeCharacterInQueryIsRefused() {
        controlCharacterRefused("%1B");
    }

    /** %FF is well-formed percent-encoding of a byte that is not UTF-8; decoded leniently it would search for U+FFFD. */
    @Test
    void percentEncodedBytesThatAreNotUtf8AreRefused() {
        invalid(raw().get("/search?q=caf%E9"), "q").body("detail", containsString("percent-encoded UTF-8"));
    }

    /** Issue 14, item 1: an unpaired surrogate is no text; searched, the sources would get '?' instead. */
    @Test
    void unpairedSurrogateInQueryIsRefused() {
        invalidThroughEvent("q=a\udc00b", "q").contains("percent-encoded as UTF-8");
    }

    /** At the 200th position it once slipped past the length check and failed the search at the sources, as a 502. */
    @Test
    void unpairedSurrogateAtTheLastAllowedPositionIsRefused() {
        invalidThroughEvent("q=" + "x".repeat(199) + "\udc00", "q").contains("percent-encoded as UTF-8");
    }

    @ParameterizedTest
    @ValueSource(strings = { "%F4%90%80%80", "%ED%A0%80", "%C0%AF", "%C3", "%FF" })
    void bytesThatAreNoUtf8CharacterAreRefused(String encoded) {
        invalid(raw().get("/search?q=a" + encoded + "b"), "q").body("detail", containsString("percent-encoded UTF-8"));
    }

    /** Issue 27: a '%' that starts no escape is a problem, as on Lambda, not Quarkus's body-less 400. */
    @ParameterizedTest
    @ValueSource(strings = { "q=100%", "q=%G1", "q=%zz" })
    void percentSignThatStartsNoEscapeIsAProblem(String rawQuery) {
        ProxyResponse answer = EventServerInvocations.invoke(HttpApiEvents.searchWithRawQuery(rawQuery, Map.of()));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.json().get("type").asText()).isEqualTo("urn:podcast-search:problem:invalid-request");
        assertThat(answer.json().get("detail").asText()).contains("not followed by two hexadecimal digits");
    }

    @Test
    void repeatedQueryIsRefused() {
        invalid(raw().get("/search?q=rust&q=go"), "q").body("detail", is("q must be given once, not 2 times"));
    }

    /**
     * Issue 14, item 3: given once means once, even when one of the values is empty or has no '='. Sent as an event,
     * because REST Assured rewrites a query with a valueless parameter.
     */
    @ParameterizedTest
    @ValueSource(strings = { "q=&q=rust", "q&q=rust", "q=rust&q=", "q=rust&q" })
    void emptyRepeatOfQueryIsRefused(String query) {
        invalidThroughEvent(query, "q").isEqualTo("q must be given once, not 2 times");
    }

    @ParameterizedTest
    @ValueSource(strings = { "q=rust&category=&category=all", "q=rust&category&category=all" })
    void emptyRepeatOfCategoryIsRefused(String query) {
        invalidThroughEvent(query, "category").isEqualTo("category must be given once, not 2 times");
    }

    /** Issue 14, item 5: names are case-sensitive, so Q is not q (and is ignored like any other parameter). */
    @Test
    void upperCaseQIsNoQuery() {
        invalid(raw().get("/search?Q=rust"), "q").body("detail", containsString("q is required"));
    }

    @Test
    void unknownCategoryIsRefusedWithTheAllowedValues() {
        invalid(given().queryParam("q", "rust").queryParam("category", "video").when().get("/search"), "category")
                .body("detail", containsString("episode, transcript, chapter or all"));
    }

    /** Issue 14, item 4: only ASCII letters, in any case; Unicode case folding would take look-alikes. */
    @ParameterizedTest
    @ValueSource(strings = { "ep\u0131sode", "tran\u017fcript", "EP\u0130SODE", "\u0441hapter" })
    void lookAlikeCategoryIsRefused(String category) {
        invalid(given().queryParam("q", "rust").queryParam("category", category).when().get("/search"), "category")
                .body("detail", containsString("episode, transcript, chapter or all"));
    }

    /** Plural is not the category: a chapter hit's category is "chapter". */
    @Test
    void chaptersInThePluralIsRefusedWithTheAllowedValues() {
        invalid(given().queryParam("q", "rust").queryParam("category", "chapters").when().get("/search"), "category")
                .body("detail", is("category must be one of episode, transcript, chapter or all (episode when not"
                        + " given)"));
    }

    @Test
    void repeatedCategoryIsRefused() {
        invalid(raw().get("/search?q=rust&category=all&category=all"), "category")
                .body("detail", is("category must be given once, not 2 times"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "yes", "1", "", "on", "true ", "fal\u017Fe", "TRU\u0395" })
    void partialOtherThanTrueOrFalseIsRefusedWithTheAllowedValues(String partial) {
        invalid(given().queryParam("q", "rust").queryParam("partial", partial).when().get("/search"), "partial")
                .body("detail", containsString("partial must be true or false"));
    }

    @Test
    void repeatedPartialIsRefused() {
        invalid(raw().get("/search?q=rust&partial=true&partial=true"), "partial")
                .body("detail", is("partial must be given once, not 2 times"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "101", "-1", "+5", "5.0", "1e2", "", " 5", "\u0665", "99999999999" })
    void limitOutsideOneToHundredIsRefusedWithTheRange(String limit) {
        invalid(given().queryParam("q", "rust").queryParam("limit", limit).when().get("/search"), "limit")
                .body("detail", is("limit must be a whole number from 1 to 100 (50 when not given)"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "-1", "1001", "ten", "", "0x10" })
    void offsetOutsideZeroToThousandIsRefusedWithTheRange(String offset) {
        invalid(given().queryParam("q", "rust").queryParam("offset", offset).when().get("/search"), "offset")
                .body("detail", is("offset must be a whole number from 0 to 1000 (0 when not given)"));
    }

    @Test
    void repeatedLimitIsRefused() {
        invalid(raw().get("/search?q=rust&limit=5&limit=5"), "limit")
                .body("detail", is("limit must be given once, not 2 times"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "published_after", "published_before" })
    void dateThatIsNoRfc3339DateIsRefusedWithTheForms(String name) {
        for (String date : List.of("2024-02-30", "31.01.2024", "2024-01-31T10:00", "2024-01-31T10:00:00")) {
            invalid(given().queryParam("q", "rust").queryParam(name, date).when().get("/search"), name)
                    .body("detail", is(name + " must be an RFC 3339 date, 2024-01-31 (a whole day in UTC), or"
                            + " date-time with an offset, 2024-01-31T18:30:00Z"));
        }
    }

    @Test
    void publishedBeforeNotAfterPublishedAfterIsRefused() {
        invalid(given().queryParam("q", "rust").queryParam("published_after", "2024-02-01")
                .queryParam("published_before", "2024-01-31").when().get("/search"), "published_before")
                .body("detail", is("published_before must be later than published_after"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "min_duration", "max_duration" })
    void durationOutsideADayInWholeSecondsIsRefusedWithTheRange(String name) {
        for (String seconds : List.of("-1", "86401", "1.5", "1h")) {
            invalid(given().queryParam("q", "rust").queryParam(name, seconds).when().get("/search"), name)
                    .body("detail", is(name + " must be a whole number from 0 to 86400 (seconds; no limit when not"
                            + " given)"));
        }
    }

    @Test
    void maxDurationBelowMinDurationIsRefused() {
        invalid(raw().get("/search?q=rust&min_duration=60&max_duration=59"), "max_duration")
                .body("detail", is("max_duration must not be less than min_duration"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "youtube", "", "talkpython,", "TalkPython", "talkpython,,pythonbytes" })
    void sourcesNamingNoSourceThereIsIsRefusedWithTheKnownOnes(String sources) {
        invalid(given().queryParam("q", "rust").queryParam("sources", sources).when().get("/search"), "sources")
                .body("detail", is("sources must be a comma-separated list of source ids, each one of pythonbytes,"
                        + " talkpython (every source when not given)"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "date", "", "newest ", "n\u0435west" })
    void sortOtherThanRelevanceOrNewestIsRefused(String sort) {
        invalid(given().queryParam("q", "rust").queryParam("sort", sort).when().get("/search"), "sort")
                .body("detail", is("sort must be relevance or newest (relevance when not given)"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "yes", "1", "", "tru\u0435" })
    void explainOtherThanTrueOrFalseIsRefused(String explain) {
        invalid(given().queryParam("q", "rust").queryParam("explain", explain).when().get("/search"), "explain")
                .body("detail", containsString("explain must be true or false"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "published_after=2024-01-31", "published_before=2024-01-31", "min_duration=60",
            "max_duration=60", "sources=talkpython", "sort=newest", "explain=true" })
    void emptyRepeatOfEachNewParameterIsRefused(String part) {
        String name = part.substring(0, part.indexOf('='));
        invalidThroughEvent("q=rust&" + name + "&" + part, name).isEqualTo(name + " must be given once, not 2 times");
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT", "DELETE", "PATCH" })
    void otherMethodsAre405WithTheAllowedMethods(String method) {
        Response answer = given().queryParam("q", "rust").when().request(method, "/search");

        answer.then().statusCode(405)
                .contentType("application/problem+json")
                .body("status", is(405))
                .body("detail", containsString("GET /search?q="));
        assertThat(methods(answer.getHeaders().getValues("Allow"))).isEqualTo(SEARCH_METHODS);
    }

    /** JAX-RS answers OPTIONS by itself; its Allow and the 405's must agree. */
    @Test
    void optionsListsTheSameMethodsAsA405() {
        Response answer = given().when().options("/search");

        answer.then().statusCode(200).body(is(emptyString()));
        assertThat(methods(answer.getHeaders().getValues("Allow"))).isEqualTo(SEARCH_METHODS);
    }

    @Test
    void headWithBadInputIsA400WithoutBody() {
        given().when().head("/search")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body(is(emptyString()));
    }

    /** Through the Lambda path too, Quarkus' CORS filter answers the preflight (dev and test only, see application.properties). */
    @Test
    void corsPreflightIsAnsweredLocally() {
        Response answer = given().header("Origin", "http://localhost:5173").header("Access-Control-Request-Method", "GET")
                .when().options("/search");

        answer.then().statusCode(200).header("Access-Control-Allow-Origin", "http://localhost:5173");
        assertThat(methods(answer.getHeaders().getValues("Access-Control-Allow-Methods"))).contains("GET");
    }

    @Test
    void unknownPathIsA404Problem() {
        given().when().get("/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", is(404))
                .body("detail", containsString("GET /search?q="));
    }

    @Test
    void unknownPathWithAnotherMethodIsA404Problem() {
        given().when().delete("/nothing-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", is(404));
    }

    @Test
    void unacceptableMediaTypeIsA406Problem() {
        given().accept("application/xml").queryParam("q", "rust").when().get("/search")
                .then().statusCode(406)
                .contentType("application/problem+json")
                .body("detail", containsString("application/json"));
    }

    /** Issue 14, item 6: a q-value of 0 excludes what its range names; the most specific range decides. */
    @ParameterizedTest
    @ValueSource(strings = { "application/json;q=0", "*/*;q=0", "application/*;q=0", "application/json;q=0, */*",
            "application/json; Q=0.000, text/html" })
    void acceptExcludingJsonByQValueIsA406Problem(String accept) {
        given().accept(accept).queryParam("q", "rust").when().get("/search")
                .then().statusCode(406)
                .contentType("application/problem+json")
                .header("X-Content-Type-Options", "nosniff")
                .body("status", is(406))
                .body("detail", containsString("application/json"));
    }

    private void controlCharacterRefused(String encoded) {
        invalid(raw().get("/search?q=rust" + encoded + "go"), "q").body("detail", containsString("control characters"));
    }

    /** Sends the URL exactly as written, percent signs and all. */
    private static RequestSpecification raw() {
        return given().urlEncodingEnabled(false).when();
    }

    private static Set<String> methods(List<String> allowHeaders) {
        return allowHeaders.stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(String::strip)
                .collect(Collectors.toSet());
    }

    /** Through the event, for what no HTTP client sends as it is, such as a raw query with an unpaired surrogate. */
    private static AbstractStringAssert<?> invalidThroughEvent(String rawQuery, String parameter) {
        ProxyResponse answer = EventServerInvocations.invoke(HttpApiEvents.searchWithRawQuery(rawQuery, Map.of()));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.json().get("parameter").asText()).isEqualTo(parameter);
        return assertThat(answer.json().get("detail").asText());
    }

    private static ValidatableResponse invalid(Response response, String parameter) {
        return response.then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", is(400))
                .body("title", is("Invalid request parameter"))
                .body("parameter", is(parameter));
    }
}
