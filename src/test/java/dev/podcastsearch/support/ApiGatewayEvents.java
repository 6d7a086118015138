package dev.podcastsearch.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.TreeMap;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;

import io.quarkus.amazon.lambda.runtime.AmazonLambdaApi;
import io.restassured.path.json.JsonPath;

/**
 * Hands the function an API Gateway HTTP API event (payload 2.0) directly, through the mock event server's
 * raw-event endpoint. For requests the local HTTP front of that server refuses before any event is made
 * (URLs over 4 KB, headers over 8 KB, malformed percent-encoding) but API Gateway may pass on.
 */
public final class ApiGatewayEvents {

    private ApiGatewayEvents() {
    }

    public static Answer get(String rawPath, String rawQueryString, Map<String, String> headers) {
        APIGatewayV2HTTPEvent event = APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRawPath(rawPath)
                .withRawQueryString(rawQueryString)
                .withHeaders(headers)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod("GET").withPath(rawPath).withSourceIp("203.0.113.7").build())
                        .build())
                .build();
        JsonPath answer = given().contentType("application/json").body(event)
                .when().post(AmazonLambdaApi.API_BASE_PATH_TEST)
                .then().statusCode(200)
                .extract().jsonPath();
        Map<String, String> answerHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, String> raw = answer.getMap("headers", String.class, String.class);
        if (raw != null) {
            answerHeaders.putAll(raw);
        }
        return new Answer(answer.getInt("statusCode"), answerHeaders, answer.getString("body"));
    }

    /** The function's answer as API Gateway receives it; header names are compared ignoring case. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String header(String name) {
            return headers.get(name);
        }
    }
}
