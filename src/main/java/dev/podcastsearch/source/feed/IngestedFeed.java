package dev.podcastsearch.source.feed;

import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

import org.jboss.logging.Logger;

import dev.podcastsearch.config.SearchConfig;
import dev.podcastsearch.source.SourceFailure;
import dev.podcastsearch.source.fetch.UrlFetcher;
import dev.podcastsearch.source.moment.FeedMoments;
import io.vertx.core.Vertx;

/**
 * A feed as the ingest keeps it (search.index.location set): fetched on every run, whatever its age, conditionally when
 * there is a copy, then its transcripts and chapters ({@link FeedMoments}) as far as the run's time allows; its state
 * ({@link #state}) goes into the published index. The fetches follow the feed sources' rules: the same bounds, address
 * rule, redirects and Accept. A feed that fails keeps its copy, and says why.
 */
public final class IngestedFeed implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IngestedFeed.class);

    private final String id;
    private final URI feedUrl;
    private final UrlFetcher fetcher;
    private final FeedMoments moments;
    private final Executor worker;
    private FeedCopy copy;
    private String failure;

    /** What one run did to the feed: read it anew, found it unchanged, or failed; and its files' pass. */
    public record Run(String feed, FeedMoments.Pass files) {

        public static final String READ = "read";
        public static final String NOT_MODIFIED = "not_modified";
        public static final String FAILED = "failed";
    }

    private IngestedFeed(String id, URI feedUrl, UrlFetcher fetcher, SearchConfig.Transcripts transcripts,
            Executor worker) {
        this.id = id;
        this.feedUrl = feedUrl;
        this.fetcher = fetcher;
        this.worker = worker;
        this.moments = new FeedMoments(id, fetcher.forFiles(transcripts.maxSize().asLongValue(), FeedMoments.ACCEPT),
                transcripts.perRefresh(), transcripts.refresh(), worker, changed -> {
                });
    }

    /**
     * The feed {@code id} at {@code feedUrl}, going on from {@code published} (its state in the last published index)
     * if there is one and it is of the same URL.
     */
    public static IngestedFeed connect(String id, URI feedUrl, Vertx vertx, Duration timeout, SearchConfig.Feeds feeds,
            SearchConfig.Transcripts transcripts, FeedState published, Executor worker) {
        UrlFetcher fetcher = UrlFetcher.of(vertx, id, feedUrl, timeout, feeds.maxSize().asLongValue(), FeedSource.ACCEPT);
        IngestedFeed feed = new IngestedFeed(id, feedUrl, fetcher, transcripts, worker);
        if (published != null && feedUrl.toString().equals(published.feedUrl()) && published.copy() != null) {
            feed.copy = published.copy();
            feed.failure = published.failure();
            if (feed.copy.index().moments() != null) {
                feed.moments.restore(published.files(), feed.copy.index().moments().directory());
            }
        }
        return feed;
    }

    /**
     * Fetches the feed, then as many of its files as are due, starting none after {@code stopBy}. Never fails: a feed
     * that cannot be fetched or read is a run that says so.
     */
    public CompletableFuture<Run> run(Instant stopBy) {
        FeedCopy known = copy;
        return fetcher.get(feedUrl, known == null ? null : known.etag(), known == null ? null : known.lastModified())
                .result()
                .thenApplyAsync(answer -> {
                    if (answer.status() == 304) {
                        if (known == null) {
                            throw new SourceFailure(id, "answered HTTP 304 to a request without validators");
                        }
                        copy = known.renewed(Instant.now(), answer.etag(), answer.lastModified());
                        failure = null;
                        return Run.NOT_MODIFIED;
                    }
                    copy = FeedCopy.read(id, answer, Instant.now()).withMoments(moments.committed());
                    failure = null;
                    return Run.READ;
                }, worker)
                .exceptionally(thrown -> {
                    Throwable cause = thrown instanceof CompletionException ? thrown.getCause() : thrown;
                    failure = cause instanceof UncheckedIOException ? "could not index the feed"
                            : SourceFailure.of(id, cause, false).reason();
                    LOG.warnf("source %s: the ingest could not read the feed, its copy stays: %s", id, failure);
                    return Run.FAILED;
                })
                .thenCompose(feedRun -> {
                    List<FeedMoments.Files> files = copy == null ? List.of() : copy.files();
                    return moments.refresh(files, stopBy).thenApply(pass -> {
                        if (copy != null) {
                            copy = copy.withMoments(moments.committed());
                        }
                        return new Run(feedRun, pass);
                    });
                });
    }

    /** The feed as the published index is to hold it. */
    public FeedState state() {
        return new FeedState(feedUrl.toString(), copy, moments.kept().files(), failure);
    }

    @Override
    public void close() {
        moments.close();
        fetcher.close();
    }
}
