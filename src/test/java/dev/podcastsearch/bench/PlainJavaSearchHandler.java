package dev.podcastsearch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The benchmark's baseline: the same search as the function, written as a plain Java Lambda handler with no
 * framework. It reads the API Gateway v2 event's {@code q} and {@code category}, calls every configured source at
 * once with the JDK {@link HttpClient}, fails fast (the first failure cancels the others), unifies and interleaves
 * the hits exactly as the function does, and writes the Lambda proxy response. It reads the function's own
 * environment variables ({@code SEARCH_SOURCES_<ID>_BASE_URL}, {@code SEARCH_SOURCES_<ID>_NAME}, {@code SEARCH_TIMEOUT}),
 * so one configuration drives both. It never ships: it is what the function is measured against.
 *
 * <p>
 * It has the {@code RequestStreamHandler} method without implementing the interface, which the runtime client accepts
 * just the same: the Quarkus tests index the test classes and would take an implementation for a second handler.
 */
public final class PlainJavaSearchHandler {

    private static final Pattern BASE_URL_VARIABLE = Pattern.compile("SEARCH_SOURCES_(.+)_BASE_URL");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = timeout(System.getenv("SEARCH_TIMEOUT"));
    private static final List<Source> SOURCES = sources(System.getenv());
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .build();

    record Source(String id, String name, URI searchUri) {
    }

    record SourceResult(Source source, List<String> keywords, List<ObjectNode> hits, long elapsedMs) {
    }

    static final class SourceFailed extends RuntimeException {
        final String sourceId;

        SourceFailed(String sourceId, String reason) {
            super(reason, null, false, false);
            this.sourceId = sourceId;
        }
    }

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = JSON.readTree(input);
        JsonNode parameters = event.path("queryStringParameters");
        String q = parameters.path("q").asText("").strip();
        String category = parameters.path("category").asText("episode").toLowerCase(Locale.ROOT);
        if (q.isEmpty() || !List.of("episode", "transcript", "chapter", "all").contains(category)) {
            answer(output, 400, problem(400, "q is required; category is episode, transcript, chapter or all"));
            return;
        }
        long started = System.nanoTime();
        List<CompletableFuture<HttpResponse<byte[]>>> calls = new ArrayList<>();
        List<CompletableFuture<SourceResult>> results = new ArrayList<>();
        for (Source source : SOURCES) {
            CompletableFuture<HttpResponse<byte[]>> call = HTTP.sendAsync(request(source, q), HttpResponse.BodyHandlers.ofByteArray());
            calls.add(call);
            results.add(call.thenApply(response -> read(source, response, started)));
        }
        try {
            List<SourceResult> all = failFast(results).get(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
            answer(output, 200, merged(q, category, all, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof SourceFailed ? e.getCause() : e.getCause().getCause();
            String source = cause instanceof SourceFailed failed ? failed.sourceId : "unknown";
            answer(output, 502, problem(502, "source " + source + " failed"));
        } catch (TimeoutException e) {
            answer(output, 504, problem(504, "no complete answer in time"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            // Cancelling what sendAsync returned aborts the exchange and closes its connection.
            calls.forEach(call -> call.cancel(true));
        }
    }

    private static HttpRequest request(Source source, String q) {
        String query = URLEncoder.encode(q, StandardCharsets.UTF_8).replace("+", "%20");
        return HttpRequest.newBuilder(URI.create(source.searchUri() + "?q=" + query)).timeout(TIMEOUT).GET().build();
    }

    private static SourceResult read(Source source, HttpResponse<byte[]> response, long started) {
        if (response.statusCode() != 200) {
            throw new SourceFailed(source.id(), "answered HTTP " + response.statusCode());
        }
        try {
            JsonNode reply = JSON.readTree(response.body());
            JsonNode items = reply.has("results") ? reply.get("results") : reply.get("episodes");
            List<ObjectNode> hits = new ArrayList<>();
            for (JsonNode item : items) {
                ObjectNode hit = JSON.createObjectNode();
                hit.put("source", source.id());
                hit.put("id", item.has("id") ? item.get("id").asLong() : item.get("item_id").asLong());
                hit.put("category", item.path("category").asText().toLowerCase(Locale.ROOT));
                hit.put("title", item.path("title").asText());
                hit.put("url", item.path("url").asText());
                hit.put("description", item.path("description").asText());
                hits.add(hit);
            }
            List<String> keywords = new ArrayList<>();
            reply.path("keywords").forEach(keyword -> keywords.add(keyword.asText()));
            return new SourceResult(source, keywords, hits, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (IOException | RuntimeException e) {
            throw new SourceFailed(source.id(), "response is not the expected JSON");
        }
    }

    /** Completes with every result, or with the first failure as soon as it happens. */
    private static CompletableFuture<List<SourceResult>> failFast(List<CompletableFuture<SourceResult>> results) {
        CompletableFuture<List<SourceResult>> group = new CompletableFuture<>();
        AtomicInteger pending = new AtomicInteger(results.size());
        for (CompletableFuture<SourceResult> result : results) {
            result.whenComplete((value, failure) -> {
                if (failure != null) {
                    group.completeExceptionally(failure);
                } else if (pending.decrementAndGet() == 0) {
                    group.complete(results.stream().map(CompletableFuture::join).toList());
                }
            });
        }
        return group;
    }

    private static ObjectNode merged(String q, String category, List<SourceResult> results, long elapsedMs) {
        ObjectNode body = JSON.createObjectNode();
        body.put("query", q);
        body.put("category", category);
        Set<String> keywords = new LinkedHashSet<>();
        ArrayNode sources = JSON.createArrayNode();
        List<List<ObjectNode>> kept = new ArrayList<>();
        for (SourceResult result : results) {
            keywords.addAll(result.keywords());
            List<ObjectNode> hits = result.hits().stream()
                    .filter(hit -> category.equals("all") || hit.get("category").asText().equals(category))
                    .toList();
            kept.add(hits);
            sources.addObject().put("id", result.source().id()).put("name", result.source().name())
                    .put("elapsed_ms", result.elapsedMs()).put("result_count", hits.size());
        }
        keywords.forEach(body.putArray("keywords")::add);
        body.put("elapsed_ms", elapsedMs);
        body.set("sources", sources);
        ArrayNode merged = body.putArray("results");
        int longest = kept.stream().mapToInt(List::size).max().orElse(0);
        for (int rank = 0; rank < longest; rank++) {
            for (List<ObjectNode> hits : kept) {
                if (rank < hits.size()) {
                    merged.add(hits.get(rank));
                }
            }
        }
        return body;
    }

    private static ObjectNode problem(int status, String detail) {
        return JSON.createObjectNode().put("status", status).put("detail", detail);
    }

    private static void answer(OutputStream output, int status, ObjectNode body) throws IOException {
        ObjectNode response = JSON.createObjectNode();
        response.put("statusCode", status);
        response.putObject("headers").put("content-type", status == 200 ? "application/json" : "application/problem+json");
        response.put("body", JSON.writeValueAsString(body));
        response.put("isBase64Encoded", false);
        JSON.writeValue(output, response);
    }

    private static List<Source> sources(Map<String, String> environment) {
        List<Source> sources = new ArrayList<>();
        environment.forEach((name, value) -> {
            Matcher variable = BASE_URL_VARIABLE.matcher(name);
            if (variable.matches()) {
                String id = variable.group(1).toLowerCase(Locale.ROOT);
                String displayName = environment.getOrDefault("SEARCH_SOURCES_" + variable.group(1) + "_NAME", id);
                sources.add(new Source(id, displayName, URI.create(value.replaceAll("/+$", "") + "/api/search")));
            }
        });
        sources.sort((a, b) -> a.id().compareTo(b.id()));
        return List.copyOf(sources);
    }

    private static Duration timeout(String text) {
        if (text == null || text.isBlank()) {
            return Duration.ofSeconds(5);
        }
        return text.endsWith("ms") ? Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)))
                : Duration.ofSeconds(Long.parseLong(text.substring(0, text.length() - 1)));
    }
}
