package dev.podcastsearch.source.published;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

import dev.podcastsearch.config.SearchConfig;
import dev.podcastsearch.source.feed.FeedArchive;
import dev.podcastsearch.source.feed.FeedState;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The index the ingest publishes ({@code search.index.location} set), as this instance holds it. Loaded at startup, in
 * Lambda's init phase, so that a SnapStart snapshot holds it. After a restore, and then at most every
 * {@code search.index.refresh}, the next search first asks for a newer one with a conditional GET ({@link #fresh}):
 * a 304 keeps it, a changed object replaces it once it is read whole. One check at a time for all feeds.
 * <ul>
 * <li>The bucket cannot be read: the loaded index keeps answering, marked stale, and the next search after
 * {@value #RETRY_SECONDS} s (or {@code refresh}, if shorter) asks again.</li>
 * <li>The object is corrupt or cut short: refused whole, the loaded index kept, logged once; that object is not
 * downloaded again, only a newer one.</li>
 * <li>No object yet (the ingest has not run): feed sources fail, saying so, until one is published.</li>
 * </ul>
 * Embedded (no location), this holds nothing and is never asked.
 */
@ApplicationScoped
public class PublishedIndex implements Resource {

    static final long RETRY_SECONDS = 30;
    private static final IndexLocation PRIMING_LOCATION = new IndexLocation("priming", "index.zip");
    private static final String PRIMING_ETAG = "\"priming\"";
    private static final Logger LOG = Logger.getLogger(PublishedIndex.class);

    /** A loaded index: its feeds by source id, when the ingest built it, and the object's ETag and size. */
    public record Loaded(Map<String, FeedState> feeds, Instant built, String etag, long bytes) {
    }

    /** A published index: its object's ETag and size. */
    public record Published(String etag, long bytes) {
    }

    /**
     * What searches answer from now: the loaded index (or null); {@code stale} when the last check could not read the
     * bucket; why no index is loaded, or what the last check could not do.
     */
    public record Current(Loaded loaded, boolean stale, String missing) {
    }

    private final IndexStore store;
    private final Duration refresh;
    private final Duration retry;
    private volatile Current current;
    /** When the next search is to check; guarded by {@code this}. */
    private Instant due = Instant.MIN;
    /** The check under way; guarded by {@code this}. */
    private CompletableFuture<Void> checking;
    /** The ETag of an object refused as corrupt; guarded by {@code this}. */
    private String refused;

    @Inject
    PublishedIndex(SearchConfig config) {
        this(config.index().location().map(IndexLocation::parse).map(IndexStore::of).orElse(null),
                config.index().refresh());
    }

    private PublishedIndex(IndexStore store, Duration refresh) {
        this.store = store;
        this.refresh = refresh;
        this.retry = refresh.compareTo(Duration.ofSeconds(RETRY_SECONDS)) < 0 ? refresh : Duration.ofSeconds(RETRY_SECONDS);
        this.current = new Current(null, false, store == null ? "the index is embedded"
                : "no index loaded yet from " + store.location());
    }

    /** Whether the index is published ({@code search.index.location} set), rather than built by each instance. */
    public boolean isPublished() {
        return store != null;
    }

    void load(@Observes StartupEvent started) {
        if (store != null) {
            // The CRaC context holds resources weakly; this application-scoped bean keeps itself alive.
            Core.getGlobalContext().register(this);
            check();
        }
    }

    /**
     * Runs a check {@code times} with the client the configured index is checked with, against a stand-in S3 server at
     * {@code endpoint} that answers each conditional GET with a 304: SnapStart priming, so that the check a restored
     * instance's first search waits for runs compiled code. The stand-in's index is empty, and is never downloaded.
     */
    public static void primeChecks(URI endpoint, int times) {
        PublishedIndex standIn = new PublishedIndex(IndexStore.standIn(endpoint, PRIMING_LOCATION), Duration.ZERO);
        standIn.current = new Current(new Loaded(Map.of(), Instant.EPOCH, PRIMING_ETAG, 0), false, null);
        try {
            for (int i = 0; i < times; i++) {
                standIn.fresh().join();
            }
            Current checked = standIn.current();
            if (checked.stale() || checked.missing() != null || !PRIMING_ETAG.equals(checked.loaded().etag())) {
                throw new IllegalStateException("the stand-in did not answer a conditional GET with a 304: "
                        + checked.missing());
            }
        } finally {
            standIn.close();
        }
    }

    /** What searches answer from now, as the last check left it. */
    public Current current() {
        return current;
    }

    /**
     * Completes when searches may answer: at once when no check is due, else when the check due (started now, or
     * under way) ends. Never fails; cancelling it leaves the check going on.
     */
    public CompletableFuture<Void> fresh() {
        synchronized (this) {
            if (checking == null && Instant.now().isBefore(due)) {
                return CompletableFuture.completedFuture(null);
            }
            if (checking == null) {
                checking = CompletableFuture.runAsync(this::checkOnce, Infrastructure.getDefaultWorkerPool());
            }
            return checking.copy();
        }
    }

    /** Checks now, waiting for the answer: at startup and at the start of an ingest run. */
    public Current check() {
        synchronized (this) {
            // Due or not: a run must start from what is published now, and a run by hand right after an outage must
            // not be refused on the strength of the failed check before it.
            due = Instant.MIN;
        }
        fresh().join();
        return current;
    }

    private void checkOnce() {
        String known;
        synchronized (this) {
            known = refused != null ? refused : current.loaded() == null ? null : current.loaded().etag();
        }
        Current before = current;
        Instant next = Instant.now().plus(refresh);
        long start = System.nanoTime();
        try (IndexStore.Download download = store.get(known)) {
            if (download != null) {
                FeedArchive.Archive archive = read(download);
                current = new Current(new Loaded(archive.feeds(), archive.built(), download.etag(), download.size()), false, null);
                synchronized (this) {
                    refused = null;
                }
                LOG.infof("published index loaded from %s: %d feeds, built %s, %d bytes in %d ms", store.location(),
                        archive.feeds().size(), archive.built(), download.size(), (System.nanoTime() - start) / 1_000_000);
            } else if (before.stale()) {
                current = new Current(before.loaded(), false, before.loaded() == null ? before.missing() : null);
            }
        } catch (IndexStore.Missing e) {
            current = new Current(before.loaded(), false, e.getMessage());
            next = Instant.now().plus(retry);
            LOG.warnf("%s", e.getMessage());
        } catch (IndexStore.Unreachable e) {
            current = new Current(before.loaded(), true, before.loaded() == null
                    ? "no index loaded: " + e.getMessage() : e.getMessage());
            next = Instant.now().plus(retry);
            LOG.warnf("the published index could not be read, %s: %s", before.loaded() == null ? "none loaded"
                    : "the one loaded answers, marked stale", e.getMessage());
        } catch (Corrupt e) {
            LOG.errorf("the published index at %s (ETag %s) is refused, %s: %s", store.location(), e.etag,
                    before.loaded() == null ? "none loaded" : "the one loaded answers", e.getMessage());
            synchronized (this) {
                refused = e.etag;
            }
        } catch (IOException | RuntimeException e) {
            current = new Current(before.loaded(), true, "the index could not be checked: " + e.getMessage());
            next = Instant.now().plus(retry);
            LOG.errorf(e, "the published index at %s could not be checked", store.location());
        } finally {
            synchronized (this) {
                due = next;
                checking = null;
            }
        }
    }

    /** Reads a downloaded archive; what is wrong with its bytes is {@link Corrupt}, a broken download is not. */
    private static FeedArchive.Archive read(IndexStore.Download download) throws IOException {
        try {
            return FeedArchive.read(download.body());
        } catch (IndexStore.Unreachable e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Corrupt(download.etag(), e);
        }
    }

    /**
     * Publishes {@code feeds} as the new index, written to a temporary file first: one PUT, so that searches see either
     * the last index or this one whole.
     */
    public Published publish(Instant built, Map<String, FeedState> feeds) throws IOException {
        Path file = Files.createTempFile("podcast-search-index", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(file)) {
                FeedArchive.write(built, feeds, out);
            }
            Published published = new Published(store.put(file), Files.size(file));
            // What this instance publishes is what it holds: its next check is then a 304, not a download.
            current = new Current(new Loaded(Map.copyOf(feeds), built, published.etag(), published.bytes()), false, null);
            return published;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        // Nothing to close: the index is in memory, and the SDK's connections are opened again as needed.
    }

    /** A restored instance asks for a newer index before its first search answers. */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        synchronized (this) {
            due = Instant.MIN;
        }
    }

    @PreDestroy
    void close() {
        if (store != null) {
            store.close();
        }
    }

    private static final class Corrupt extends IOException {

        final String etag;

        Corrupt(String etag, Throwable cause) {
            super(cause.getMessage(), cause);
            this.etag = etag;
        }
    }
}
