package dev.podcastsearch.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.podcastsearch.support.HttpApiEvents;

/** What the front hands on to Quarkus, and what it answers itself, without any Lambda around it. */
class EventGateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventGate gate = new EventGate(Optional.empty());

    @Test
    void eventWithoutPrefixGoesOnUnchanged() {
        byte[] event = bytes(HttpApiEvents.read("search.json"));

        EventGate.Verdict verdict = gate.check(event);

        assertThat(verdict).isInstanceOf(EventGate.Forward.class);
        assertThat(((EventGate.Forward) verdict).event()).isSameAs(event);
    }

    @Test
    void stageNameIsTakenOffThePathAndPassedOnAsForwardedPrefix() throws Exception {
        ObjectNode event = search("/prod/search", "prod");

        JsonNode forwarded = forwarded(gate, event);

        assertThat(forwarded.get("rawPath").asText()).isEqualTo("/search");
        assertThat(forwarded.get("headers").get("x-forwarded-prefix").asText()).isEqualTo("/prod");
        // Everything else as received.
        ObjectNode expected = event.deepCopy();
        expected.put("rawPath", "/search");
        ((ObjectNode) expected.get("headers")).put("x-forwarded-prefix", "/prod");
        assertThat(forwarded).isEqualTo(expected);
    }

    @Test
    void stageNameCountsOnlyAsAWholeSegment() throws Exception {
        JsonNode forwarded = forwarded(gate, search("/production/search", "prod"));

        assertThat(forwarded.get("rawPath").asText()).isEqualTo("/production/search");
        assertThat(forwarded.get("headers").has("x-forwarded-prefix")).isFalse();
    }

    @Test
    void configuredBasePathIsTakenOff() throws Exception {
        JsonNode forwarded = forwarded(new EventGate(Optional.of("podcasts/")), search("/podcasts/search", "$default"));

        assertThat(forwarded.get("rawPath").asText()).isEqualTo("/search");
        assertThat(forwarded.get("headers").get("x-forwarded-prefix").asText()).isEqualTo("/podcasts");
    }

    @Test
    void callersOwnForwardedPrefixIsDropped() throws Exception {
        ObjectNode event = search("/search", "$default");
        ((ObjectNode) event.get("headers")).put("X-Forwarded-Prefix", "/evil");

        JsonNode forwarded = forwarded(gate, event);

        assertThat(forwarded.get("headers").has("X-Forwarded-Prefix")).isFalse();
        assertThat(forwarded.get("headers").has("x-forwarded-prefix")).isFalse();
        assertThat(forwarded.get("headers").get("user-agent").asText()).isEqualTo("HTTPie/3.2.4");
    }

    @Test
    void eventWithoutHeadersGetsTheForwardedPrefixAsItsOnlyHeader() throws Exception {
        ObjectNode event = search("/prod/search", "prod");
        event.remove("headers");

        JsonNode forwarded = forwarded(gate, event);

        assertThat(forwarded.get("headers")).isEqualTo(JSON.readTree("{\"x-forwarded-prefix\":\"/prod\"}"));
        assertThat(forwarded.get("rawPath").asText()).isEqualTo("/search");
    }

    @Test
    void nonAsciiHeaderValuesSurviveTheRewrite() throws Exception {
        ObjectNode event = search("/prod/search", "prod");
        ((ObjectNode) event.get("headers")).put("x-note", "ünïcødé \ud83c\udf99 \"quoted\"");

        JsonNode forwarded = forwarded(gate, event);

        assertThat(forwarded.get("headers").get("x-note").asText()).isEqualTo("ünïcødé \ud83c\udf99 \"quoted\"");
    }

    @Test
    void pathMadeOnlyOfTheStageBecomesTheRoot() throws Exception {
        assertThat(forwarded(gate, search("/prod", "prod")).get("rawPath").asText()).isEqualTo("/");
    }

    @Test
    void restApiEventIsAnsweredWithAProblemInPayload1Format() throws Exception {
        EventGate.Answer answer = answer("{\"httpMethod\":\"GET\",\"path\":\"/search\",\"requestContext\":{\"stage\":\"prod\"}}");

        JsonNode response = JSON.readTree(answer.response());
        assertThat(response.get("statusCode").asInt()).isEqualTo(500);
        assertThat(response.has("statusDescription")).isFalse();
        assertThat(response.get("headers").get("Content-Type").asText()).isEqualTo("application/problem+json");
        assertThat(JSON.readTree(response.get("body").asText()).get("type").asText())
                .isEqualTo("urn:podcast-search:problem:unsupported-integration");
    }

    @Test
    void albWithMultiValueHeadersIsAnsweredInMultiValueHeaders() throws Exception {
        EventGate.Answer answer = answer("{\"requestContext\":{\"elb\":{\"targetGroupArn\":\"arn\"}},\"httpMethod\":\"GET\","
                + "\"path\":\"/\",\"multiValueHeaders\":{\"accept\":[\"*/*\"]}}");

        JsonNode response = JSON.readTree(answer.response());
        assertThat(response.get("statusDescription").asText()).isEqualTo("500 Internal Server Error");
        assertThat(response.has("headers")).isFalse();
        assertThat(response.get("multiValueHeaders").get("Content-Type").get(0).asText()).isEqualTo("application/problem+json");
    }

    @Test
    void memberGivenTwiceIsUnreadable() throws Exception {
        EventGate.Answer answer = answer("{\"version\":\"2.0\",\"rawPath\":\"/search\",\"rawPath\":\"/x y\"}");

        assertThat(answer.problem().kind()).isEqualTo("unreadable-event");
        assertThat(answer.problem().detail()).contains("twice");
    }

    @Test
    void refusalNeverRepeatsTheInput() throws Exception {
        ObjectNode event = search("/search<script>", "$default");

        EventGate.Answer answer = answer(JSON.writeValueAsString(event));

        assertThat(answer.problem().status()).isEqualTo(400);
        assertThat(new String(answer.response(), StandardCharsets.UTF_8)).doesNotContain("script");
    }

    @Test
    void quarkusErrorPageIsReplacedByAProblemOfTheSameStatus() {
        byte[] errorPage = bytes("{\"statusCode\":400,\"headers\":{\"content-type\":\"application/json; charset=utf-8\"},"
                + "\"body\":\"eyJkZXRhaWxzIjoiRXJyb3IgaWQifQ==\",\"isBase64Encoded\":true}");

        Refusal replacement = AnswerShape.replacementFor(errorPage);

        assertThat(replacement.status()).isEqualTo(400);
        assertThat(replacement.type()).isEqualTo("urn:podcast-search:problem:http-400");
    }

    @Test
    void lambdaHttpFrontsOwn500IsReplaced() {
        byte[] bare500 = bytes("{\"statusCode\":500,\"headers\":null,\"multiValueHeaders\":{\"Content-Type\":"
                + "[\"application/json\"]},\"body\":\"{ \\\"message\\\": \\\"Internal Server Error\\\" }\"}");

        assertThat(AnswerShape.replacementFor(bare500).status()).isEqualTo(500);
    }

    @Test
    void successesAndProblemsArePassedOn() {
        assertThat(AnswerShape.replacementFor(bytes("{\"statusCode\":200,\"headers\":{\"Content-Type\":\"application/json\"}}")))
                .isNull();
        assertThat(AnswerShape.replacementFor(bytes("{\"statusCode\":404,\"headers\":{\"Content-Type\":"
                + "\"application/problem+json\"},\"body\":\"{}\"}"))).isNull();
    }

    private static ObjectNode search(String rawPath, String stage) throws Exception {
        ObjectNode event = (ObjectNode) JSON.readTree(HttpApiEvents.read("search.json"));
        event.put("rawPath", rawPath);
        ((ObjectNode) event.get("requestContext")).put("stage", stage);
        return event;
    }

    private static JsonNode forwarded(EventGate gate, ObjectNode event) throws Exception {
        EventGate.Verdict verdict = gate.check(JSON.writeValueAsBytes(event));
        assertThat(verdict).isInstanceOf(EventGate.Forward.class);
        return JSON.readTree(((EventGate.Forward) verdict).event());
    }

    private EventGate.Answer answer(String event) {
        EventGate.Verdict verdict = gate.check(bytes(event));
        assertThat(verdict).isInstanceOf(EventGate.Answer.class);
        return (EventGate.Answer) verdict;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
