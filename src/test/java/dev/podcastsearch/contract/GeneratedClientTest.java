package dev.podcastsearch.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.client.ApiClient;
import dev.podcastsearch.client.ApiException;
import dev.podcastsearch.client.api.SearchApi;
import dev.podcastsearch.client.model.Hit;
import dev.podcastsearch.client.model.Problem;
import dev.podcastsearch.client.model.SearchResponse;
import dev.podcastsearch.client.model.SourceStatus;
import dev.podcastsearch.client.model.SourceSummary;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Another application's view: a Java client that openapi-generator made from the committed document alone (the
 * {@code native} library, at generate-test-sources), calling the function through the Lambda mock event server.
 */
@QuarkusTest
class GeneratedClientTest {

    private SearchApi api;

    @BeforeEach
    void client() {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + RestAssured.port);
        api = new SearchApi(client);
    }

    @Test
    void searchesWithTheGeneratedClient() throws ApiException {
        SearchResponse answer = api.search("pydantic", "all", null, 3, 1, null, null, null, null, null, null, null);

        assertThat(answer.getComplete()).isTrue();
        assertThat(answer.getTotal()).isEqualTo(7);
        assertThat(answer.getResults()).extracting(Hit::getSource).containsExactly("talkpython", "pythonbytes", "talkpython");
        assertThat(answer.getSources()).extracting(SourceSummary::getStatus).containsOnly(SourceStatus.OK);
        assertThat(answer.getResults().get(0).getUrl()).hasScheme("https");
    }

    @Test
    void readsAProblemWithTheGeneratedModel() throws Exception {
        ApiException refused = catchThrowableOfType(ApiException.class,
                () -> api.search("x".repeat(201), null, null, null, null, null, null, null, null, null, null, null));

        assertThat(refused.getCode()).isEqualTo(400);
        assertThat(refused.getResponseHeaders().firstValue("Content-Type")).hasValue("application/problem+json");
        Problem problem = new ApiClient().getObjectMapper().readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getType()).isEqualTo("urn:podcast-search:problem:invalid-parameter");
        assertThat(problem.getParameter()).isEqualTo("q");
        assertThat(problem.getStatus()).isEqualTo(400);
    }
}
