package dev.podcastsearch.support.lambda;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sample API Gateway HTTP API events (payload format 2.0) in {@code deploy/events}, the same files that
 * {@code sam local invoke -e} and {@code aws lambda invoke --payload} take, and variations of them.
 */
public final class HttpApiEvents {

    /** Where the sample events live, relative to the project directory (the tests' working directory). */
    public static final Path DIRECTORY = Path.of("deploy", "events");

    /**
     * Writes every character outside ASCII as a JSON escape, so that an event survives any transport as it was made,
     * even one holding an unpaired surrogate, which as UTF-8 bytes would become '?'.
     */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    private HttpApiEvents() {
    }

    /** Every sample event file, by name. */
    public static List<Path> all() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(file -> file.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + DIRECTORY.toAbsolutePath(), e);
        }
    }

    /** A sample event by file name, e.g. {@code read("search.json")}. */
    public static String read(String fileName) {
        return read(DIRECTORY.resolve(fileName));
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sample event " + file.toAbsolutePath(), e);
        }
    }

    /**
     * {@code search.json} with other query parameters and a fresh request id: {@code rawQueryString}
     * percent-encoded as a client sends it, {@code queryStringParameters} decoded as API Gateway passes them on.
     */
    public static String search(Map<String, String> parameters) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(read("search.json"));
            event.put("rawQueryString", parameters.entrySet().stream()
                    .map(parameter -> encode(parameter.getKey()) + "=" + encode(parameter.getValue()))
                    .collect(Collectors.joining("&")));
            ObjectNode decoded = event.putObject("queryStringParameters");
            parameters.forEach(decoded::put);
            ((ObjectNode) event.get("requestContext")).put("requestId", UUID.randomUUID().toString());
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("search.json is not JSON", e);
        }
    }

    /**
     * {@code search.json} with {@code rawQueryString} exactly as given, malformed or huge, and more headers.
     * Without {@code queryStringParameters}: how API Gateway would decode such a query is its own affair, and the
     * function reads only the raw one.
     */
    public static String searchWithRawQuery(String rawQueryString, Map<String, String> moreHeaders) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(read("search.json"));
            event.put("rawQueryString", rawQueryString);
            event.remove("queryStringParameters");
            moreHeaders.forEach(((ObjectNode) event.get("headers"))::put);
            ((ObjectNode) event.get("requestContext")).put("requestId", UUID.randomUUID().toString());
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("search.json is not JSON", e);
        }
    }

    /**
     * A GET of {@code path} with {@code rawQueryString} (empty for none) on {@code stage} ({@code $default}: none in
     * the path), accepting {@code accept}, as an HTTP API passes on a browser's request.
     */
    public static String get(String stage, String path, String rawQueryString, String accept) {
        return get(stage, path, rawQueryString, Map.of("accept", accept));
    }

    /** As {@link #get(String, String, String, String)}, with these headers (names in lower case, as API Gateway's). */
    public static String get(String stage, String path, String rawQueryString, Map<String, String> headers) {
        try {
            ObjectNode event = (ObjectNode) JSON.readTree(read("search.json"));
            String rawPath = "$default".equals(stage) ? path : "/" + stage + path;
            event.put("rawPath", rawPath);
            event.put("rawQueryString", rawQueryString);
            event.remove("queryStringParameters");
            headers.forEach(((ObjectNode) event.get("headers"))::put);
            ObjectNode context = (ObjectNode) event.get("requestContext");
            context.put("requestId", UUID.randomUUID().toString());
            context.put("stage", stage);
            ((ObjectNode) context.get("http")).put("path", rawPath);
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("search.json is not JSON", e);
        }
    }

    /** A search for {@code q} alone. */
    public static String search(String q) {
        return search(Map.of("q", q));
    }

    /** RFC 3986 percent-encoding: a space is %20, not the form encoding's '+'. */
    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
