package dev.podcastsearch.source;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import dev.podcastsearch.config.SearchConfig;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/** The configured sources, in id order, each with its own REST client built once at startup. */
@ApplicationScoped
public class Sources {

    private final List<PodcastSource> all;

    Sources(SearchConfig config) {
        this.all = config.sources().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> connect(entry.getKey(), entry.getValue().name().orElse(entry.getKey()),
                        entry.getValue().baseUrl(), config.timeout()))
                .toList();
    }

    /** A source with a client built as every configured source's is; whoever connects it closes it. */
    public static PodcastSource connect(String id, String name, URI baseUrl, Duration timeout) {
        // Bounded by the group deadline: a cancelled request still queued for a pooled
        // connection only gives its slot back when this read timeout passes.
        PodcastSearchApi api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUrl)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .build(PodcastSearchApi.class);
        return new PodcastSource(id, name, api);
    }

    public List<PodcastSource> all() {
        return all;
    }
}
