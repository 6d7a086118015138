package dev.podcastsearch.lambda;

import java.util.ArrayList;
import java.util.List;

/**
 * What one streaming pass over an event found: the fields the front checks, and where in the event's bytes those
 * it may rewrite are. Offsets are byte offsets into the event; -1 where the thing is absent.
 */
final class ScannedEvent {

    String version;
    /** A top-level {@code httpMethod}: payload format 1.0 and ALB events have one, 2.0 events do not. */
    boolean topLevelHttpMethod;
    /** {@code requestContext.elb}: only ALB events have one. */
    boolean elb;
    /** {@code multiValueHeaders}: REST APIs send them, ALBs only when the target group enables them. */
    boolean multiValueHeaders;

    String method;
    String stage;
    String rawPath;
    int rawPathStart = -1;
    int rawPathEnd = -1;
    String rawQueryString;
    /** Header names and values in event order; a value may be null. */
    final List<String[]> headers = new ArrayList<>();
    int headersStart = -1;
    int headersEnd = -1;
    /** Where a {@code headers} member can be inserted when the event has none: just after the root's '{'. */
    int rootBodyStart = -1;
    final List<String> cookies = new ArrayList<>();
    String body;
    boolean base64Encoded;

    Integration integration() {
        if ("2.0".equals(version)) {
            return Integration.HTTP_API_2;
        }
        if (elb) {
            return Integration.ALB;
        }
        if ("1.0".equals(version) || topLevelHttpMethod) {
            return Integration.PAYLOAD_1;
        }
        return null;
    }
}
