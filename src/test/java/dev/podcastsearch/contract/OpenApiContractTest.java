package dev.podcastsearch.contract;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.podcastsearch.support.OpenApiContract;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The validator that the API tests run every exchange through does catch drift: an answer with a field the document
 * does not name, or without one it requires, fails; and the document's own examples are valid answers.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void realAnswerIsValid() throws Exception {
        assertThat(messages(200, "application/json", realAnswer())).isEmpty();
    }

    @Test
    void fieldTheDocumentDoesNotNameFails() throws Exception {
        ObjectNode answer = realAnswer();
        ((ObjectNode) answer.get("results").get(0)).put("duration", 3600);
        assertThat(messages(200, "application/json", answer)).anyMatch(m -> m.contains("duration"));
    }

    @Test
    void renamedOrMissingFieldFails() throws Exception {
        ObjectNode answer = realAnswer();
        answer.set("elapsedMs", answer.remove("elapsed_ms"));
        assertThat(messages(200, "application/json", answer))
                .anyMatch(m -> m.contains("elapsed_ms")).anyMatch(m -> m.contains("elapsedMs"));
    }

    @Test
    void everyExampleInTheDocumentIsAValidAnswer() throws Exception {
        JsonNode responses = JSON.readTree(OpenApiContract.document()).at("/paths/~1search/get/responses");
        List<String> statuses = new ArrayList<>();
        responses.fields().forEachRemaining(response -> response.getValue().path("content").fields()
                .forEachRemaining(content -> content.getValue().path("examples").forEach(example -> {
                    statuses.add(response.getKey());
                    assertThat(messages(Integer.parseInt(response.getKey()), content.getKey(), example.get("value")))
                            .as("example of %s", response.getKey()).isEmpty();
                })));
        assertThat(statuses).containsExactlyInAnyOrder("200", "400", "404", "405", "406", "502", "503", "504");
    }

    private static ObjectNode realAnswer() throws Exception {
        return (ObjectNode) JSON.readTree(given().queryParam("q", "pydantic").when().get("/search")
                .then().statusCode(200).extract().asString());
    }

    private static List<String> messages(int status, String contentType, JsonNode body) {
        OpenApiInteractionValidator validator = OpenApiInteractionValidator
                .createForInlineApiSpecification(OpenApiContract.document()).build();
        ValidationReport report = validator.validateResponse("/search", Request.Method.GET,
                SimpleResponse.Builder.status(status).withContentType(contentType).withBody(body.toString()).build());
        return report.getMessages().stream().map(ValidationReport.Message::getMessage).toList();
    }

}
