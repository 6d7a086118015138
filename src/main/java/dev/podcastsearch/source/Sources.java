package dev.podcastsearch.source;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.resteasy.reactive.client.api.QuarkusRestClientProperties;

import dev.podcastsearch.config.SearchConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.vertx.core.http.HttpClientRequest;

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
                        entry.getValue().baseUrl(), timeout, maxBytes, json))
                .toList();
    }

    /** A source at {@code baseUrl} built exactly as the configured ones are, for priming; whoever connects it closes it. */
    public PodcastSource connect(String id, URI baseUrl) {
        return connect(id, id, baseUrl, timeout, maxBytes, json);
    }

    private static PodcastSource connect(String id, String name, URI baseUrl, Duration timeout, long maxBytes,
            ObjectMapper json) {
        // The group deadline ends a slow call first; these only bound what it has given up on, such as
        // a cancelled request still queued for a pooled connection.
        PodcastSearchApi api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUrl)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                // The REST client closes the connection of every streamed answer once it has ended, after
                // Vert.x has already put it back in the pool: a reused connection could be closed under the next
                // request. A fresh connection per call is what streaming costs.
                .property(QuarkusRestClientProperties.KEEP_ALIVE_ENABLED, false)
                .register(new AnswerHeadFilter(id, maxBytes))
                .httpClientRequestCustomizer(Sources::withoutErrorLogs)
                .build(PodcastSearchApi.class);
        return new PodcastSource(id, name, api, json, maxBytes, timeout);
    }

    /**
     * A broken connection fails the call, which reports it (see {@link SearchCall}); without handlers of their own,
     * the connection and the response would also log it as an error. Set as the answer's head arrives, before the
     * REST client has set its own.
     */
    private static void withoutErrorLogs(HttpClientRequest request) {
        request.connection().exceptionHandler(reported -> {
        });
        request.response().onSuccess(response -> response.exceptionHandler(reported -> {
        }));
    }

    public List<PodcastSource> all() {
        return all;
    }
}
