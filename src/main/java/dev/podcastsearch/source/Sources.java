package dev.podcastsearch.source;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.config.SearchConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;

/** The configured sources, in id order, sharing one HTTP client built at startup. */
@ApplicationScoped
public class Sources {

    private final List<PodcastSource> all;

    Sources(SearchConfig config, Vertx vertx, ObjectMapper json) {
        // Vert.x pools 5 connections per host unless told otherwise. A Lambda instance needs one per source,
        // dev mode and benchmarks more; a request still waiting for one gives up at the search timeout.
        HttpClient http = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(50));
        long maxBytes = config.maxResponseSize().asLongValue();
        this.all = config.sources().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> {
                    String id = entry.getKey();
                    SearchConfig.Source source = entry.getValue();
                    PodcastSearchApi api = new PodcastSearchApi(id, http, source.baseUrl(), config.timeout(), maxBytes);
                    return new PodcastSource(id, source.name().orElse(id), api, json, config.timeout());
                })
                .toList();
    }

    public List<PodcastSource> all() {
        return all;
    }
}
