package dev.podcastsearch.source;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.config.SearchConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;

/** The configured sources, in id order, each with its own REST client built once at startup. */
@ApplicationScoped
public class Sources {

    private final List<PodcastSource> all;
    private final Duration timeout;
    private final long maxBytes;
    private final ObjectMapper json;

    Sources(SearchConfig config, ObjectMapper json) {
        this.timeout = config.timeout();
        this.maxBytes = config.maxResponseSize().asLongValue();
        this.json = json;
        this.all = config.sources().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> connect(entry.getKey(), entry.getValue().name().orElse(entry.getKey()),
                        entry.getValue().baseUrl(), entry.getValue().siteUrl().orElse(origin(entry.getValue().baseUrl())),
                        timeout, maxBytes, json))
                .toList();
    }

    /** A source at {@code baseUrl} built exactly as the configured ones are, for priming; whoever connects it closes it. */
    public PodcastSource connect(String id, URI baseUrl) {
        return connect(id, id, baseUrl, origin(baseUrl), timeout, maxBytes, json);
    }

    private static URI origin(URI baseUrl) {
        return baseUrl.resolve("/");
    }

    private static PodcastSource connect(String id, String name, URI baseUrl, URI siteUrl, Duration timeout,
            long maxBytes, ObjectMapper json) {
        // The group deadline ends a slow call first; these only bound what it has given up on, such as
        // a cancelled request still queued for a pooled connection.
        PodcastSearchApi api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUrl)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .register(new AnswerHeadFilter(id))
                .httpClientRequestCustomizer(request -> prepare(request, id, maxBytes))
                .build(PodcastSearchApi.class);
        return new PodcastSource(id, name, siteUrl, api, json, timeout);
    }

    /**
     * Hands the HTTP request to its {@link SearchCall}, which resets it at once if the search was cancelled while its
     * connection opened; a live request gets its answer capped.
     */
    private static void prepare(HttpClientRequest request, String id, long maxBytes) {
        // Failures reach the REST client through the response future. Without a handler of its own, a request
        // reset before it was sent would also be logged as an error.
        request.exceptionHandler(reported -> {
        });
        if (SearchCall.ofCurrentContext().map(call -> call.connected(request)).orElse(true)) {
            capped(request, id, maxBytes);
        }
    }

    /**
     * Caps what is read of each answer, whatever its status: a declared Content-Length over the limit is refused
     * before the body is read, and a longer body is cut off as it passes the limit; either way the request is
     * reset, which closes its connection and fails the call with the reason. A broken connection fails the call,
     * which reports it; without handlers of their own, the connection and the response would also log it as an
     * error. Set as the request is made, before the REST client sets its own.
     */
    private static void capped(HttpClientRequest request, String id, long maxBytes) {
        request.connection().exceptionHandler(reported -> {
        });
        request.response().onSuccess(response -> {
            response.exceptionHandler(reported -> {
            });
            String declared = response.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && declared.matches("\\d{1,18}") && Long.parseLong(declared) > maxBytes) {
                request.reset(0, AnswerHeadFilter.tooLarge(id, maxBytes));
                return;
            }
            // Counts alongside the REST client, which collects the same chunks into the body it hands over.
            long[] read = { 0 };
            response.handler(chunk -> {
                read[0] += chunk.length();
                if (read[0] > maxBytes) {
                    request.reset(0, AnswerHeadFilter.tooLarge(id, maxBytes));
                }
            });
        });
    }

    public List<PodcastSource> all() {
        return all;
    }
}
