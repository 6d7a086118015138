package dev.podcastsearch.source.feed;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.apache.lucene.index.DirectoryReader;
import org.jboss.logging.Logger;

import dev.podcastsearch.config.SearchConfig;
import dev.podcastsearch.index.EpisodeIndex;
import dev.podcastsearch.index.IndexSearch;
import dev.podcastsearch.source.Filterable;
import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.SourceFailure;
import dev.podcastsearch.source.SourceResult;
import dev.podcastsearch.source.fetch.UrlFetcher;
import dev.podcastsearch.source.moment.FeedMoments;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Vertx;

/**
 * A podcast's RSS feed as a source: the function keeps a copy of the feed, read once into an index of its episodes
 * ({@link EpisodeIndex}), and searches that ({@link IndexSearch}); the index is built again only when the feed is.
 * <ul>
 * <li>A copy younger than {@code search.feeds.refresh} is searched as it is, without a request.</li>
 * <li>Otherwise the search waits for a fetch: conditional ({@code If-None-Match}, {@code If-Modified-Since}) when there
 * is a copy, and a 304 renews it. One fetch at a time per feed: a search that finds one running waits for that one.</li>
 * <li>A search cancelled while it waits stops waiting at once. The fetch goes on only while some search still waits
 * for it: when the last one leaves, it is aborted and its connection closed; a copy is filled only by a fetch that
 * somebody waited through. Its read timeout is the search timeout.</li>
 * <li>A fetch that fails (any status but 200 or 304, a broken or oversized body, a body that is not an RSS feed) fails
 * the source like any other, unless there is a copy younger than {@code search.feeds.max-stale}: that copy then
 * answers, marked stale, and counts as an answer.</li>
 * <li>Fetched by a {@link UrlFetcher}, which follows a few redirects, never remembered (the configured URL is fetched
 * first every time), and never to an address its {@link dev.podcastsearch.source.fetch.AddressRule} forbids.</li>
 * <li>Each fetch that gives a copy (200 or 304) then starts a pass over the transcripts and chapters its episodes
 * name ({@link FeedMoments}), unless one is under way. No search waits for it: a search answers from the index as it
 * is, and the moments a pass brings are searched from when it ends.</li>
 * </ul>
 */
public final class FeedSource implements PodcastSource {

    /**
     * What a feed's hits say, fetched or published: when each episode came out and how long it is (an item that does
     * not say passes no filter on it).
     */
    public static final Set<Filterable> FILTERABLE = Collections.unmodifiableSet(EnumSet.allOf(Filterable.class));
    static final String ACCEPT = "application/rss+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5";
    private static final Logger LOG = Logger.getLogger(FeedSource.class);

    private final String id;
    private final String name;
    private final URI feedUrl;
    private final UrlFetcher fetcher;
    private final Duration refresh;
    private final Duration maxStale;
    private final FeedMoments moments;

    /** Replaced under {@code this}, read without it. */
    private volatile FeedCopy copy;
    /** The fetch under way, if any; guarded by {@code this}. */
    private Waited running;

    private FeedSource(String id, String name, URI feedUrl, UrlFetcher fetcher, Duration refresh, Duration maxStale,
            SearchConfig.Transcripts transcripts) {
        this.id = id;
        this.name = name;
        this.feedUrl = feedUrl;
        this.fetcher = fetcher;
        this.refresh = refresh;
        this.maxStale = maxStale;
        this.moments = new FeedMoments(id, fetcher.forFiles(transcripts.maxSize().asLongValue(), FeedMoments.ACCEPT),
                transcripts.perRefresh(), transcripts.refresh(), Infrastructure.getDefaultWorkerPool(),
                this::momentsChanged);
    }

    /** The feed at {@code feedUrl}, with its own HTTP client and, until it is first searched, no copy. */
    public static FeedSource connect(String id, String name, URI feedUrl, Vertx vertx, Duration timeout,
            SearchConfig.Feeds feeds, SearchConfig.Transcripts transcripts) {
        UrlFetcher fetcher = UrlFetcher.of(vertx, id, feedUrl, timeout, feeds.maxSize().asLongValue(), ACCEPT);
        return new FeedSource(id, name, feedUrl, fetcher, feeds.refresh(), feeds.maxStale(), transcripts);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Filterable> filterable() {
        return FILTERABLE;
    }

    @Override
    public Uni<SourceResult> search(String query, boolean moments) {
        return Uni.createFrom().deferred(() -> {
            FeedCopy current = copy;
            if (current != null && current.freshAt(Instant.now(), refresh)) {
                // On a worker thread, as PublishedFeedSource does: the group's members are subscribed one by one.
                return Uni.createFrom().item(() -> current.search(id, query, false, moments))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            }
            return awaitFetch()
                    .map(fetched -> fetched.search(id, query, false, moments))
                    .onFailure(SourceFailure.class).recoverWithUni(failure -> {
                        FeedCopy old = copy;
                        if (old != null && old.usableWhenStaleAt(Instant.now(), maxStale)) {
                            LOG.warnf("source %s: %s; searched its copy of %s instead", id,
                                    ((SourceFailure) failure).reason(), old.fetched());
                            return Uni.createFrom().item(old.search(id, query, true, moments));
                        }
                        return Uni.createFrom().failure(failure);
                    });
        });
    }

    /** Marks the copy as needing a fetch before it is searched as fresh again: after a SnapStart restore. */
    void mustRevalidate() {
        FeedCopy current = copy;
        if (current != null) {
            copy = current.mustRevalidate();
        }
    }

    /** A pass brought moments: the copy searches them from now on. */
    private synchronized void momentsChanged(DirectoryReader changed) {
        FeedCopy current = copy;
        if (current != null) {
            copy = current.withMoments(changed);
        }
    }

    /** Joins the running fetch, or starts one; cancelling leaves it, and the last to leave aborts it. */
    private Uni<FeedCopy> awaitFetch() {
        return Uni.createFrom().emitter(emitter -> {
            Waited waited;
            boolean start;
            synchronized (this) {
                // A fetch may have ended since this search looked at the copy: then that copy answers.
                FeedCopy current = copy;
                if (running == null && current != null && current.freshAt(Instant.now(), refresh)) {
                    emitter.complete(current);
                    return;
                }
                start = running == null;
                if (start) {
                    running = new Waited(current);
                }
                waited = running;
                waited.waiters++;
            }
            emitter.onTermination(() -> leave(waited));
            waited.done.whenComplete((fetched, failure) -> {
                if (failure != null) {
                    emitter.fail(failure instanceof CompletionException ? failure.getCause() : failure);
                } else {
                    emitter.complete(fetched);
                }
            });
            if (start) {
                waited.fetch.result().whenComplete((answer, failure) -> {
                    if (failure != null) {
                        finish(waited, null, SourceFailure.of(id, failure, false));
                    } else {
                        answered(waited, answer);
                    }
                });
            }
        });
    }

    private void leave(Waited waited) {
        boolean abort;
        synchronized (this) {
            waited.waiters--;
            abort = waited.waiters == 0 && !waited.done.isDone();
            if (abort && running == waited) {
                running = null;
            }
        }
        if (abort) {
            SourceFailure reason = new SourceFailure(id, "fetch cancelled: no search waits for it");
            waited.fetch.abort(reason);
            waited.done.completeExceptionally(reason);
        }
    }

    private void answered(Waited waited, UrlFetcher.Answer answer) {
        FeedCopy known = waited.known;
        if (answer.status() == 304) {
            if (known == null) {
                finish(waited, null, new SourceFailure(id, "answered HTTP 304 to a request without validators"));
            } else {
                finish(waited, known.renewed(Instant.now(), answer.etag(), answer.lastModified()), null);
            }
            return;
        }
        // Off the event loop: a large feed takes a while to read and index.
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                finish(waited, FeedCopy.read(id, answer, Instant.now()), null);
            } catch (SourceFailure failure) {
                finish(waited, null, failure);
            } catch (UncheckedIOException e) {
                // Never expected of an index in memory, but the searches waiting must hear of it.
                finish(waited, null, new SourceFailure(id, "could not index the feed: " + e.getMessage()));
            }
        });
    }

    private void finish(Waited waited, FeedCopy fetched, SourceFailure failure) {
        FeedCopy answering = null;
        synchronized (this) {
            if (fetched != null && !waited.done.isDone()) {
                // The moments as they are now: under the lock, so that a pass ending meanwhile is not missed.
                answering = fetched.withMoments(moments.committed());
                copy = answering;
            }
            if (running == waited) {
                running = null;
            }
        }
        if (failure != null) {
            waited.done.completeExceptionally(failure);
        } else {
            waited.done.complete(answering != null ? answering : fetched);
        }
        if (answering != null) {
            moments.refresh(answering.files());
        }
    }

    @Override
    public void close() {
        moments.close();
        fetcher.close();
    }

    /** One fetch of the feed, redirects included, with the searches waiting for it. */
    private final class Waited {

        final CompletableFuture<FeedCopy> done = new CompletableFuture<>();
        /** The copy the fetch is conditional on, if any. */
        final FeedCopy known;
        final UrlFetcher.Fetch fetch;
        /** Guarded by the source. */
        int waiters;

        Waited(FeedCopy known) {
            this.known = known;
            this.fetch = fetcher.get(feedUrl, known == null ? null : known.etag(),
                    known == null ? null : known.lastModified());
        }
    }
}
