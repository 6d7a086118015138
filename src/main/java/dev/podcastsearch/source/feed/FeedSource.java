package dev.podcastsearch.source.feed;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import dev.podcastsearch.config.SearchConfig;
import dev.podcastsearch.source.AnswerHeadFilter;
import dev.podcastsearch.source.Hit;
import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.SearchCall;
import dev.podcastsearch.source.SourceClients;
import dev.podcastsearch.source.SourceFailure;
import dev.podcastsearch.source.SourceResult;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A podcast's RSS feed as a source: the function keeps a copy of the feed, read once into a normalised index, and
 * searches that ({@link FeedMatcher}).
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
 * <li>At most {@value #MAX_REDIRECTS} redirects (301, 302, 303, 307, 308) are followed, each to the same scheme or to
 * https (never from https to http), and never remembered: the configured URL is fetched first every time.</li>
 * </ul>
 */
public final class FeedSource implements PodcastSource {

    static final int MAX_REDIRECTS = 3;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final AnswerHeadFilter.Expected FEED = new AnswerHeadFilter.Expected(
            Set.of(304, 301, 302, 303, 307, 308), null, "a feed");
    private static final Logger LOG = Logger.getLogger(FeedSource.class);

    private final String id;
    private final String name;
    private final URI feedUrl;
    private final PodcastFeed client;
    private final Duration refresh;
    private final Duration maxStale;

    private volatile FeedCopy copy;
    /** The fetch under way, if any; guarded by {@code this}. */
    private Fetch running;

    private FeedSource(String id, String name, URI feedUrl, PodcastFeed client, Duration refresh, Duration maxStale) {
        this.id = id;
        this.name = name;
        this.feedUrl = feedUrl;
        this.client = client;
        this.refresh = refresh;
        this.maxStale = maxStale;
    }

    /** The feed at {@code feedUrl}, with its own client and, until it is first searched, no copy. */
    public static FeedSource connect(String id, String name, URI feedUrl, SourceClients clients, SearchConfig.Feeds feeds) {
        PodcastFeed client = clients.build(PodcastFeed.class, feedUrl, id, FEED, feeds.maxSize().asLongValue());
        return new FeedSource(id, name, feedUrl, client, feeds.refresh(), feeds.maxStale());
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
    public Uni<SourceResult> search(String query) {
        return Uni.createFrom().deferred(() -> {
            FeedCopy current = copy;
            if (current != null && current.freshAt(Instant.now(), refresh)) {
                return Uni.createFrom().item(result(current, query, false));
            }
            return awaitFetch()
                    .map(fetched -> result(fetched, query, false))
                    .onFailure(SourceFailure.class).recoverWithUni(failure -> {
                        FeedCopy old = copy;
                        if (old != null && old.usableWhenStaleAt(Instant.now(), maxStale)) {
                            LOG.warnf("source %s: %s; searched its copy of %s instead", id,
                                    ((SourceFailure) failure).reason(), old.fetched());
                            return Uni.createFrom().item(result(old, query, true));
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

    private SourceResult result(FeedCopy searched, String query, boolean stale) {
        List<Hit> hits = FeedMatcher.matching(searched.episodes(), query).stream()
                .map(episode -> new Hit(id, episode.id(), "episode", episode.title(), episode.url(),
                        episode.description(),
                        episode.published() == null ? null : DateTimeFormatter.ISO_INSTANT.format(episode.published())))
                .toList();
        return new SourceResult(List.of(), hits, stale);
    }

    /** Joins the running fetch, or starts one; cancelling leaves it, and the last to leave aborts it. */
    private Uni<FeedCopy> awaitFetch() {
        return Uni.createFrom().emitter(emitter -> {
            Fetch fetch;
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
                    running = new Fetch();
                }
                fetch = running;
                fetch.waiters++;
            }
            emitter.onTermination(() -> leave(fetch));
            fetch.done.whenComplete((fetched, failure) -> {
                if (failure != null) {
                    emitter.fail(failure instanceof CompletionException ? failure.getCause() : failure);
                } else {
                    emitter.complete(fetched);
                }
            });
            if (start) {
                request(fetch, feedUrl.toString(), copy, 0);
            }
        });
    }

    private void leave(Fetch fetch) {
        boolean abort;
        synchronized (this) {
            fetch.waiters--;
            abort = fetch.waiters == 0 && !fetch.done.isDone();
            if (abort && running == fetch) {
                running = null;
            }
        }
        if (abort) {
            fetch.abort(new SourceFailure(id, "fetch cancelled: no search waits for it"));
        }
    }

    private void request(Fetch fetch, String url, FeedCopy known, int redirects) {
        SearchCall call = fetch.nextCall();
        if (call == null) {
            return;
        }
        client.fetch(url, known == null ? null : known.etag(), known == null ? null : known.lastModified(), call)
                .subscribe().with(
                        response -> answered(fetch, url, known, redirects, response),
                        failure -> finish(fetch, null, SourceFailure.of(id, failure, call.hasAnswered())));
    }

    private void answered(Fetch fetch, String url, FeedCopy known, int redirects, RestResponse<byte[]> response) {
        int status = response.getStatus();
        if (status == 304) {
            if (known == null) {
                finish(fetch, null, new SourceFailure(id, "answered HTTP 304 to a request without validators"));
            } else {
                finish(fetch, known.renewed(Instant.now(), header(response, HttpHeaders.ETAG),
                        header(response, HttpHeaders.LAST_MODIFIED)), null);
            }
            return;
        }
        if (REDIRECTS.contains(status)) {
            redirect(fetch, url, known, redirects, status, header(response, HttpHeaders.LOCATION));
            return;
        }
        byte[] body = response.getEntity() == null ? new byte[0] : response.getEntity();
        String etag = header(response, HttpHeaders.ETAG);
        String lastModified = header(response, HttpHeaders.LAST_MODIFIED);
        // Off the event loop: a large feed takes a while to read.
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                List<Episode> episodes = FeedParser.parse(id, body);
                finish(fetch, new FeedCopy(episodes, etag, lastModified, Instant.now(), false), null);
            } catch (SourceFailure failure) {
                finish(fetch, null, failure);
            }
        });
    }

    private void redirect(Fetch fetch, String url, FeedCopy known, int redirects, int status, String location) {
        if (redirects >= MAX_REDIRECTS) {
            finish(fetch, null, new SourceFailure(id, "answered HTTP " + status + " after " + MAX_REDIRECTS
                    + " redirects (at most " + MAX_REDIRECTS + " are followed)"));
            return;
        }
        URI next;
        try {
            next = location == null ? null : new URI(url).resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            next = null;
        }
        String from = URI.create(url).getScheme().toLowerCase(Locale.ROOT);
        String to = next == null || next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (next == null || next.getHost() == null || !(to.equals("https") || to.equals(from))) {
            finish(fetch, null, new SourceFailure(id, "answered HTTP " + status
                    + " to a location that is not followed (only to the same scheme or to https)"));
            return;
        }
        request(fetch, next.toString(), known, redirects + 1);
    }

    private void finish(Fetch fetch, FeedCopy fetched, SourceFailure failure) {
        synchronized (this) {
            if (fetched != null && !fetch.done.isDone()) {
                copy = fetched;
            }
            if (running == fetch) {
                running = null;
            }
        }
        if (failure != null) {
            fetch.done.completeExceptionally(failure);
        } else {
            fetch.done.complete(fetched);
        }
    }

    private static String header(RestResponse<?> response, String name) {
        String value = response.getHeaderString(name);
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public void close() {
        try {
            ((Closeable) client).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One fetch of the feed, redirects included, with the searches waiting for it. */
    private static final class Fetch {

        final CompletableFuture<FeedCopy> done = new CompletableFuture<>();
        /** Guarded by the source. */
        int waiters;
        private SearchCall call;
        private boolean aborted;

        /** The call for the next request, or null if the fetch was aborted. */
        synchronized SearchCall nextCall() {
            if (aborted) {
                return null;
            }
            call = new SearchCall();
            return call;
        }

        void abort(SourceFailure reason) {
            SearchCall current;
            synchronized (this) {
                aborted = true;
                current = call;
            }
            if (current != null) {
                current.abort();
            }
            done.completeExceptionally(reason);
        }
    }
}
