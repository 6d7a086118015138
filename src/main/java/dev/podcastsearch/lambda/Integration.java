package dev.podcastsearch.lambda;

/** Which AWS integration an event came from, as far as its shape tells; each expects its own response format. */
enum Integration {

    /** API Gateway HTTP API with payload format 2.0, or a Lambda function URL: the events this function serves. */
    HTTP_API_2("an API Gateway HTTP API (payload format 2.0) or a function URL"),
    /** API Gateway REST API, or an HTTP API route set to payload format 1.0: the same event and response format. */
    PAYLOAD_1("an API Gateway REST API, or an HTTP API route with payload format 1.0"),
    /** An Application Load Balancer target group of type lambda. */
    ALB("an Application Load Balancer");

    private final String description;

    Integration(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }
}
