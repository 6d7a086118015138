package dev.podcastsearch.support.lambda;

import static io.restassured.RestAssured.given;

import io.quarkus.amazon.lambda.runtime.AmazonLambdaApi;

/**
 * Hands an API Gateway event to the function under {@code @QuarkusTest} as it is, through the mock event server's
 * raw-event endpoint. For requests the server's own HTTP front refuses before it would make an event (URLs over
 * 4 KB, headers over 8 KB, malformed percent-encoding), which API Gateway may well pass on.
 */
public final class EventServerInvocations {

    private EventServerInvocations() {
    }

    public static ProxyResponse invoke(String event) {
        String answer = given().contentType("application/json").body(event)
                .when().post(AmazonLambdaApi.API_BASE_PATH_TEST)
                .then().statusCode(200)
                .extract().asString();
        return ProxyResponse.parse(answer);
    }
}
