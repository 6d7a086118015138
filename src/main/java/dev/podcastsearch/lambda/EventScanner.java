package dev.podcastsearch.lambda;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

/**
 * Reads an event once, as a stream of JSON tokens, into a {@link ScannedEvent}: only the members the front checks are
 * kept, everything else is skipped without building any object. Quarkus then reads the same bytes into its own event
 * type; a streaming pass costs a small fraction of that.
 */
final class EventScanner {

    /** An API Gateway event nests 5 deep; an authorizer's context may add some. Deeper is no event of theirs. */
    static final int MAX_DEPTH = 64;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            // Two values for one member would let the front check one and Quarkus read the other.
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private EventScanner() {
    }

    static ScannedEvent scan(byte[] event) throws UnreadableEvent {
        ScannedEvent scanned = new ScannedEvent();
        try (JsonParser json = JSON.createParser(event)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadableEvent("the event is not a JSON object");
            }
            scanned.rootBodyStart = (int) json.currentTokenLocation().getByteOffset() + 1;
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken value = json.nextToken();
                switch (name) {
                    case "version" -> scanned.version = scalar(json, "version");
                    case "httpMethod" -> {
                        scanned.topLevelHttpMethod = true;
                        json.skipChildren();
                    }
                    case "multiValueHeaders" -> {
                        scanned.multiValueHeaders = value != JsonToken.VALUE_NULL;
                        json.skipChildren();
                    }
                    case "rawPath" -> {
                        scanned.rawPath = scalar(json, "rawPath");
                        if (value == JsonToken.VALUE_STRING) {
                            scanned.rawPathStart = (int) json.currentTokenLocation().getByteOffset();
                            scanned.rawPathEnd = (int) json.currentLocation().getByteOffset();
                        }
                    }
                    case "rawQueryString" -> scanned.rawQueryString = scalar(json, "rawQueryString");
                    case "headers" -> headers(json, scanned);
                    case "cookies" -> cookies(json, scanned);
                    case "requestContext" -> requestContext(json, scanned);
                    case "body" -> scanned.body = scalar(json, "body");
                    case "isBase64Encoded" -> scanned.base64Encoded = value == JsonToken.VALUE_TRUE
                            || value == JsonToken.VALUE_STRING && "true".equals(json.getText());
                    default -> json.skipChildren();
                }
            }
            if (json.currentToken() != JsonToken.END_OBJECT || json.nextToken() != null) {
                throw new UnreadableEvent("the event is not one JSON object");
            }
        } catch (StreamConstraintsException e) {
            throw new UnreadableEvent("the event nests deeper than " + MAX_DEPTH + " levels, or has a value too large");
        } catch (IOException e) {
            // Jackson's message quotes the input and names its classes: neither goes back to the caller.
            throw new UnreadableEvent(e.getMessage() != null && e.getMessage().startsWith("Duplicate field")
                    ? "the event names a member twice" : "the event is not valid JSON");
        }
        return scanned;
    }

    private static void headers(JsonParser json, ScannedEvent scanned) throws IOException, UnreadableEvent {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (json.currentToken() != JsonToken.START_OBJECT) {
            throw new UnreadableEvent("headers is not an object");
        }
        scanned.headersStart = (int) json.currentTokenLocation().getByteOffset();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            scanned.headers.add(new String[] { name, scalar(json, "a header's value") });
        }
        scanned.headersEnd = (int) json.currentTokenLocation().getByteOffset() + 1;
    }

    private static void cookies(JsonParser json, ScannedEvent scanned) throws IOException, UnreadableEvent {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return;
        }
        if (json.currentToken() != JsonToken.START_ARRAY) {
            throw new UnreadableEvent("cookies is not an array");
        }
        while (json.nextToken() != JsonToken.END_ARRAY) {
            String cookie = scalar(json, "a cookie");
            if (cookie != null) {
                scanned.cookies.add(cookie);
            }
        }
    }

    private static void requestContext(JsonParser json, ScannedEvent scanned) throws IOException, UnreadableEvent {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            switch (name) {
                case "stage" -> scanned.stage = scalar(json, "requestContext.stage");
                case "elb" -> {
                    scanned.elb = value == JsonToken.START_OBJECT;
                    json.skipChildren();
                }
                case "http" -> http(json, scanned);
                default -> json.skipChildren();
            }
        }
    }

    private static void http(JsonParser json, ScannedEvent scanned) throws IOException, UnreadableEvent {
        if (json.currentToken() != JsonToken.START_OBJECT) {
            json.skipChildren();
            return;
        }
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            if (name.equals("method")) {
                scanned.method = scalar(json, "requestContext.http.method");
            } else {
                json.skipChildren();
            }
        }
    }

    /** A string, or a number or boolean as text (Quarkus's reader takes those for strings too); null for null. */
    private static String scalar(JsonParser json, String what) throws IOException, UnreadableEvent {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (!token.isScalarValue()) {
            throw new UnreadableEvent(what + " is not a string");
        }
        return json.getText();
    }
}
