package dev.podcastsearch.support.input;

import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.podcastsearch.support.lambda.HttpApiEvents;

/**
 * One request a caller could send, made by {@link HostileRequests}, with what the API page promises for it
 * (src/site/markdown/api.md). It becomes
 * an API Gateway HTTP API event (payload 2.0) with {@link #event()}: method, raw path, raw query string and headers
 * exactly as given, no {@code queryStringParameters} (the function reads the raw query only).
 *
 * @param kind what sort of input this is, such as "q with bytes that are not UTF-8"; shown when a property fails
 * @param headers more headers, names in lower case as an HTTP API passes them on
 */
public record HostileRequest(String kind, String method, String rawPath, String rawQuery, Map<String, String> headers,
        Expected expected) {

    /** Escapes every character outside ASCII, so that unpaired surrogates reach the function as they were made. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** A {@code GET /search} with this raw query string. */
    public static HostileRequest search(String kind, String rawQuery, Map<String, String> headers, Expected expected) {
        return new HostileRequest(kind, "GET", "/search", rawQuery, Map.copyOf(headers), expected);
    }

    /** {@code search.json} with this request's method, path, query and headers, and a fresh request id. */
    public String event() {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(HttpApiEvents.read("search.json"));
            event.put("rawPath", rawPath);
            event.put("rawQueryString", rawQuery);
            event.remove("queryStringParameters");
            headers.forEach(((ObjectNode) event.get("headers"))::put);
            ObjectNode context = (ObjectNode) event.get("requestContext");
            context.put("requestId", UUID.randomUUID().toString());
            ((ObjectNode) context.get("http")).put("method", method).put("path", rawPath);
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("search.json is not JSON", e);
        }
    }

    /** Java-escaped, so that a failing sample reads the same in any console. */
    @Override
    public String toString() {
        return kind + ": " + method + " " + escaped(rawPath) + "?" + escaped(rawQuery)
                + (headers.isEmpty() ? "" : " " + escaped(headers.toString())) + " -> " + expected;
    }

    private static String escaped(String text) {
        StringBuilder escaped = new StringBuilder();
        text.chars().forEach(c -> escaped.append(c >= 0x20 && c < 0x7f ? String.valueOf((char) c) : String.format("\\u%04x", c)));
        return escaped.toString();
    }

    /**
     * What the API page promises: a search with this exact query and category, or a problem with this status, naming
     * this parameter (if it is about one) and saying this in its detail.
     *
     * @param query for a search, the text every source must receive and the answer must echo
     * @param parameter for a 400, the parameter the problem names
     * @param detail for a problem, a part of its detail
     */
    public record Expected(int status, String query, String category, String parameter, String detail,
            boolean byTheFront) {

        public static Expected search(String query, String category) {
            return new Expected(200, query, category, null, null, false);
        }

        public static Expected invalid(String parameter, String detail) {
            return new Expected(400, null, null, parameter, detail, false);
        }

        public static Expected notAcceptable() {
            return new Expected(406, null, null, null, "application/json", false);
        }

        /**
         * A query string that is no valid URI part (a {@code %} not followed by two hex digits): the input filter in
         * front of every route (search/RequestTarget) refuses it, naming the query string and the position.
         */
        public static Expected refusedByTheFront() {
            return new Expected(400, null, null, null, "not followed by two hexadecimal digits", true);
        }

        /**
         * A raw character a query string may not hold unencoded (an unpaired surrogate, say), in the value of
         * {@code parameter}: the input filter in front of every route (search/RequestTarget) refuses it, naming that
         * parameter.
         */
        public static Expected unencodedInQuery(String parameter) {
            return new Expected(400, null, null, parameter, "percent-encoded as UTF-8", true);
        }

        public boolean isSearch() {
            return status == 200;
        }

        @Override
        public String toString() {
            return isSearch() ? "200 q=" + escaped(query) + " category=" + category
                    : status + (parameter == null ? "" : " naming " + parameter) + (byTheFront ? " from the Lambda front" : "");
        }
    }
}
