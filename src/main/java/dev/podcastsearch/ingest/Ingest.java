package dev.podcastsearch.ingest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.podcastsearch.config.SearchConfig;
import dev.podcastsearch.source.feed.FeedState;
import dev.podcastsearch.source.feed.IngestedFeed;
import dev.podcastsearch.source.published.PublishedIndex;
import io.quarkus.arc.Unremovable;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * One run of the ingest: the configured feeds fetched (each conditionally), their transcripts and chapters as far as
 * the run's time allows, the index published as one object ({@link PublishedIndex#publish}). A run goes on from the
 * index last published: from the feeds this instance kept when that index is its own, else from the index as loaded,
 * so that runs bounded by the function's timeout each pick up where the last one stopped. A run that fails publishes
 * nothing: the last index stays.
 */
@ApplicationScoped
// Only IngestFunction looks it up, programmatically, and nothing injects it: without this Quarkus removes the bean at
// build time, and the packaged ingest finds none (the benchmark's packaged run found that; tests inject it).
@Unremovable
public class Ingest {

    private static final Logger LOG = Logger.getLogger(Ingest.class);

    /** What a run did: per feed, what became of it; the index published, its size, and how long the run took. */
    public record Report(Map<String, IngestedFeed.Run> feeds, String etag, long bytes, long documents,
            Duration took) {
    }

    /** A run that published nothing, and why. */
    public static final class Failure extends Exception {

        Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final PublishedIndex published;
    private final SearchConfig config;
    private final Vertx vertx;
    /** The feeds as the last run left them, and the ETag of the index it published; guarded by {@code this}. */
    private Map<String, IngestedFeed> feeds;
    private String publishedEtag;

    Ingest(PublishedIndex published, SearchConfig config, Vertx vertx) {
        this.published = published;
        this.config = config;
        this.vertx = vertx;
    }

    /** Runs once, starting no transcript or chapters fetch after {@code stopBy}. */
    public synchronized Report run(Instant stopBy) throws Failure {
        long start = System.nanoTime();
        if (!published.isPublished()) {
            throw new Failure("search.index.location is not set: the index is embedded, there is nothing to publish",
                    null);
        }
        PublishedIndex.Current current = published.check();
        if (current.stale()) {
            throw new Failure("the index last published could not be read, so a run would lose what it holds: "
                    + current.missing(), null);
        }
        PublishedIndex.Loaded loaded = current.loaded();
        String loadedEtag = loaded == null ? null : loaded.etag();
        if (feeds == null || publishedEtag == null || !publishedEtag.equals(loadedEtag)) {
            // Another instance published since (or this one never did): go on from the index as published.
            closeFeeds();
            feeds = connect(loaded == null ? Map.of() : loaded.feeds());
        }
        Map<String, CompletableFuture<IngestedFeed.Run>> runs = new TreeMap<>();
        feeds.forEach((id, feed) -> runs.put(id, feed.run(stopBy)));
        CompletableFuture.allOf(runs.values().toArray(CompletableFuture[]::new)).join();
        Map<String, IngestedFeed.Run> done = new LinkedHashMap<>();
        runs.forEach((id, run) -> done.put(id, run.join()));
        Map<String, FeedState> states = new LinkedHashMap<>();
        feeds.forEach((id, feed) -> states.put(id, feed.state()));
        PublishedIndex.Published index;
        try {
            index = published.publish(Instant.now(), states);
        } catch (IOException | RuntimeException e) {
            throw new Failure("the index could not be published: " + e.getMessage(), e);
        }
        publishedEtag = index.etag();
        long documents = states.values().stream().mapToLong(FeedState::documents).sum();
        Report report = new Report(done, index.etag(), index.bytes(), documents,
                Duration.ofNanos(System.nanoTime() - start));
        LOG.infof("ingest published %d feeds, %d documents, %d bytes in %d ms", states.size(), documents,
                index.bytes(), report.took().toMillis());
        return report;
    }

    private Map<String, IngestedFeed> connect(Map<String, FeedState> published) {
        Map<String, IngestedFeed> connected = new TreeMap<>();
        config.sources().forEach((id, source) -> source.feedUrl().ifPresent(url -> connected.put(id,
                IngestedFeed.connect(id, url, vertx, config.timeout(), config.feeds(),
                        config.transcripts(), published.get(id), Infrastructure.getDefaultWorkerPool()))));
        return connected;
    }

    private void closeFeeds() {
        if (feeds != null) {
            new ArrayList<>(feeds.values()).forEach(IngestedFeed::close);
        }
    }

    @PreDestroy
    synchronized void close() {
        closeFeeds();
    }
}
