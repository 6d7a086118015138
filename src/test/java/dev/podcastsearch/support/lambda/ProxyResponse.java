package dev.podcastsearch.support.lambda;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A Lambda proxy response for an HTTP API (payload format 2.0), as the function returns it to API Gateway
 * or a function URL: {@code statusCode}, {@code headers}, {@code cookies}, {@code body}, {@code isBase64Encoded}.
 *
 * @param headers header names in lower case, as an HTTP API passes them on
 */
public record ProxyResponse(int statusCode, Map<String, String> headers, List<String> cookies, String body,
        boolean isBase64Encoded) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public static ProxyResponse parse(String json) {
        try {
            JsonNode root = JSON.readTree(json);
            if (root == null || !root.has("statusCode")) {
                throw new AssertionError("not a Lambda proxy response: " + json);
            }
            Map<String, String> headers = new TreeMap<>();
            root.path("headers").properties().forEach(
                    header -> headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().asText()));
            // Version 1.0 responses list repeated headers apart; an HTTP API accepts them too.
            root.path("multiValueHeaders").properties().forEach(header -> headers.putIfAbsent(
                    header.getKey().toLowerCase(Locale.ROOT), String.join(",", JSON.convertValue(header.getValue(), String[].class))));
            List<String> cookies = root.path("cookies").isArray()
                    ? List.of(JSON.convertValue(root.get("cookies"), String[].class))
                    : List.of();
            return new ProxyResponse(root.get("statusCode").asInt(), Map.copyOf(headers), cookies,
                    root.path("body").isNull() ? null : root.path("body").asText(null),
                    root.path("isBase64Encoded").asBoolean(false));
        } catch (JsonProcessingException e) {
            throw new AssertionError("the function's answer is not JSON: " + json, e);
        }
    }

    /** A header by name, in any case; null when absent. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The body as the HTTP client receives it, decoded from base64 if the function encoded it. */
    public String decodedBody() {
        if (body == null) {
            return "";
        }
        return isBase64Encoded ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8) : body;
    }

    /** The body parsed as JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(decodedBody());
        } catch (JsonProcessingException e) {
            throw new AssertionError("the response body is not JSON: " + decodedBody(), e);
        }
    }
}
