package dev.podcastsearch.source;

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
        long timeoutMillis = config.timeout().toMillis();
        this.all = config.sources().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> {
                    SearchConfig.Source source = entry.getValue();
                    // Bounded by the group deadline: a cancelled request still queued for a pooled
                    // connection only gives its slot back when this read timeout passes.
                    PodcastSearchApi api = QuarkusRestClientBuilder.newBuilder()
                            .baseUri(source.baseUrl())
                            .connectTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                            .readTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                            .build(PodcastSearchApi.class);
                    return new PodcastSource(entry.getKey(), source.name().orElse(entry.getKey()), api);
                })
                .toList();
    }

    public List<PodcastSource> all() {
        return all;
    }
}
