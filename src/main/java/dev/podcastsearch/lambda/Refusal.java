package dev.podcastsearch.lambda;

/**
 * A problem the front answers itself, before Quarkus sees the event. The detail says what was wrong and what is
 * allowed, and never repeats the caller's input.
 *
 * @param kind the last part of the problem type, {@code urn:podcast-search:problem:<kind>}
 * @param parameter the query parameter at fault, as the REST layer's problems name it; null when none is
 */
record Refusal(int status, String kind, String title, String detail, String parameter) {

    static final String TYPE_PREFIX = "urn:podcast-search:problem:";

    Refusal(int status, String kind, String title, String detail) {
        this(status, kind, title, detail, null);
    }

    static Refusal invalidRequest(String detail) {
        return new Refusal(400, "invalid-request", "Invalid request", detail);
    }

    /** In the query string, within the parameter {@code parameter}. */
    static Refusal invalidParameter(String parameter, String detail) {
        return new Refusal(400, "invalid-request", "Invalid request", detail, parameter);
    }

    static Refusal unreadableEvent(String what) {
        return new Refusal(400, "unreadable-event", "Unreadable event",
                "The event cannot be read as an HTTP request: " + what + ". This function serves the events of an API"
                        + " Gateway HTTP API (payload format 2.0) and of a Lambda function URL; deploy/events/ has examples.");
    }

    static Refusal unsupportedIntegration(Integration integration) {
        return new Refusal(500, "unsupported-integration", "Unsupported integration",
                "This function serves API Gateway HTTP APIs with payload format 2.0 and Lambda function URLs, but this event"
                        + " came from " + integration.description() + ". Route the requests through an HTTP API whose"
                        + " integration has PayloadFormatVersion 2.0 (as deploy/template.yaml does), or through the"
                        + " function URL; see deploy/README.md.");
    }

    String type() {
        return TYPE_PREFIX + kind;
    }
}
