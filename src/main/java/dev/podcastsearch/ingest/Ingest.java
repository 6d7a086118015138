package dev.podcastsearch.ingest;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.podcastsearch.config.SearchConfig;
import dev.podcastsearch.metrics.SearchMetrics;
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
 * nothing: the last index stays. A run that changed nothing a search sees publishes nothing either (at least every half
 * {@code search.feeds.max-stale} it does), so that instances keep their index rather than download it again.
 */
// No bean injects it: IngestFunction looks it up, which ArC's removal of unused beans does not see (the packaged ingest
// found none until this was kept; PublishedIndexIT runs it).
@Unremovable
@ApplicationScoped
public class Ingest {

    private static final Logger LOG = Logger.getLogger(Ingest.class);

    /**
     * What a run did: per feed, what became of it; the index published (a new one if {@code changed}, else the one
     * before, kept), its size, and how long the run took.
     */
    public record Report(Map<String, IngestedFeed.Run> feeds, boolean changed, String etag, long bytes,
            long documents, Duration took) {

        /** The run's figures, as its metric record says them. */
        public SearchMetrics.IngestRun metrics() {
            return new SearchMetrics.IngestRun(false, took.toMillis(), count(IngestedFeed.Run.READ),
                    count(IngestedFeed.Run.NOT_MODIFIED), count(IngestedFeed.Run.FAILED),
                    feeds.values().stream().mapToInt(run -> run.files().read()).sum(),
                    feeds.values().stream().mapToInt(run -> run.files().notModified()).sum(),
                    feeds.values().stream().mapToInt(run -> run.files().skipped()).sum(), bytes, documents);
        }

        private int count(String feed) {
            return (int) feeds.values().stream().filter(run -> run.feed().equals(feed)).count();
        }
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
        long documents = states.values().stream().mapToLong(FeedState::documents).sum();
        if (unchanged(loaded, done, states)) {
            // The same object stays, so instances' next checks are 304s rather than downloads of it all.
            publishedEtag = loaded.etag();
            Report report = new Report(done, false, loaded.etag(), loaded.bytes(), documents,
                    Duration.ofNanos(System.nanoTime() - start));
            LOG.infof("ingest found no feed or file changed: the index built %s stays, %d ms", loaded.built(),
                    report.took().toMillis());
            return report;
        }
        PublishedIndex.Published index;
        try {
            index = published.publish(Instant.now(), states);
        } catch (IOException | RuntimeException e) {
            throw new Failure("the index could not be published: " + e.getMessage(), e);
        }
        publishedEtag = index.etag();
        Report report = new Report(done, true, index.etag(), index.bytes(), documents,
                Duration.ofNanos(System.nanoTime() - start));
        LOG.infof("ingest published %d feeds, %d documents, %d bytes in %d ms", states.size(), documents,
                index.bytes(), report.took().toMillis());
        return report;
    }

    /**
     * Whether nothing a search sees changed: the same feeds, none read anew, no file read, no feed's failure come or
     * gone; and the index is younger than half {@code search.feeds.max-stale}, so that the copies it holds, dated by
     * their last fetch, never reach it between two publications.
     */
    private boolean unchanged(PublishedIndex.Loaded loaded, Map<String, IngestedFeed.Run> done,
            Map<String, FeedState> states) {
        if (loaded == null || !loaded.feeds().keySet().equals(states.keySet())
                || !Instant.now().isBefore(loaded.built().plus(config.feeds().maxStale().dividedBy(2)))) {
            return false;
        }
        return done.entrySet().stream().allMatch(run -> !run.getValue().feed().equals(IngestedFeed.Run.READ)
                && run.getValue().files().read() == 0
                && Objects.equals(loaded.feeds().get(run.getKey()).failure(), states.get(run.getKey()).failure()));
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
