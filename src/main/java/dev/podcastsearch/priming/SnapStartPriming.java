package dev.podcastsearch.priming;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.lambda.LambdaFront;
import dev.podcastsearch.source.Hit;
import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.Sources;
import dev.podcastsearch.source.published.PublishedFeedSource;
import dev.podcastsearch.source.published.PublishedIndex;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Runs whole requests through the function before a SnapStart snapshot is taken, so that the first caller of an
 * instance restored from it does not wait while the JVM loads, links and compiles what a request needs. It is a CRaC
 * {@code beforeCheckpoint} hook, which Lambda's runtime client calls when it publishes a version with SnapStart on.
 * <p>
 * Each round sends {@link PrimingRequests} (a search in both modes, a refused one, the page and the OpenAPI document)
 * to the function's own Lambda handler, {@link LambdaFront}, as Lambda does, while {@link Sources} has searches ask
 * {@link StandIns} instead of the configured sources; then it runs the client side of a TLS handshake against the
 * HTTPS stand-in, since the live sources speak HTTPS, and opens more connections to the plain one, since the first
 * search after a restore opens its own. With a published index, its check (a conditional GET) runs against a stand-in
 * S3 server, and each of its feeds is searched with words of its own. Last, {@link RuntimeLibraries} warms what the runtime's own libraries do for
 * an invocation. The live APIs and feeds are never called, and the configured feed sources keep no copy (each
 * round's stand-in feed source has its own, closed with it). It leaves no socket open, since a snapshot must not hold
 * one.
 */
@ApplicationScoped
class SnapStartPriming implements Resource {

    private static final Logger LOG = Logger.getLogger(SnapStartPriming.class);
    // The JIT (C1 only on Lambda) compiles a method once it has run some 200 times, and the snapshot keeps the
    // compiled code; what runs once a request stays interpreted until then, and the first request after a restore
    // would pay for it. So every kind of request is sent more than that many times, in rounds that each open their
    // connections anew (the first request after a restore opens its own) and shake hands over TLS.
    private static final int ROUNDS = 60;
    private static final int REQUESTS_PER_ROUND = 4;
    // A request opens a connection only when its client has none, which the rounds' own clients do only a few times
    // a round: too few for the JIT, so the first search after a restore, which opens one to each source, ran the
    // connecting code interpreted. These fresh clients each open one more.
    private static final int MORE_CONNECTIONS_PER_ROUND = 3;
    // A published index is checked once a restore, with one conditional GET (a 304) before the first search: over
    // C1's threshold of some 200 calls, so that its client runs compiled code.
    private static final int INDEX_CHECKS = 250;
    // And each of its feeds is searched with words of its own, in all categories, so that a restored instance's first
    // search does not score, collect and mark matches in that index (phrases and moments among them) for the first
    // time; several feeds multiply the calls of what runs once a search.
    private static final int OWN_WORD_SEARCHES = 25;
    /** As many as a first page of an answer shows ({@code limit}'s default). */
    private static final int SHOWN_HITS = 50;
    private static final Duration JIT_QUIET = Duration.ofMillis(100);
    private static final Duration JIT_WAIT_LIMIT = Duration.ofSeconds(3);

    private final Sources sources;
    private final PublishedIndex index;
    private final Vertx vertx;
    private final ObjectMapper json;

    SnapStartPriming(Sources sources, PublishedIndex index, Vertx vertx, ObjectMapper json) {
        this.sources = sources;
        this.index = index;
        this.vertx = vertx;
        this.json = json;
    }

    void register(@Observes StartupEvent started) {
        // The CRaC context holds resources weakly; this application-scoped bean keeps itself alive.
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to restore: priming kept no connection and no state.
    }

    /** Never fails the snapshot: an unprimed function is slower on its first request, not broken. */
    void prime() {
        long started = System.nanoTime();
        try (StandIns standIns = StandIns.start(vertx)) {
            // Lambda's own instance of the handler is out of reach here; another one takes the same path.
            LambdaFront front = new LambdaFront();
            for (int round = 0; round < ROUNDS; round++) {
                requestsThroughFront(front, standIns);
                handshakeWithHttpsStandIn(standIns);
                connectAgain(standIns);
            }
            String published = "";
            if (index.isPublished()) {
                PublishedIndex.primeChecks(standIns.s3(), INDEX_CHECKS);
                published = ", " + INDEX_CHECKS + " checks of the published index at a stand-in and "
                        + searchPublishedFeeds() + " searches of its feeds";
            }
            RuntimeLibraries.prime();
            awaitJitQuiet();
            LOG.infof("primed the search path, the page and the OpenAPI document%s in %d ms", published,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (Exception e) {
            LOG.warnf(e, "priming the search path failed; the first request will be slower");
        }
    }

    /** Fresh clients each round, so that each round also opens its connections, as a restored instance must. */
    private void requestsThroughFront(LambdaFront front, StandIns standIns) throws IOException {
        try (PodcastSource episodes = sources.connect("priming-episodes", standIns.plain("/episodes"));
                PodcastSource feed = sources.connectFeed("priming-feed", standIns.plain("/feed"));
                PodcastSource results = sources.connect("priming-results", standIns.plain("/results"))) {
            sources.searchStandIns(List.of(episodes, feed, results));
            try {
                for (int i = 0; i < REQUESTS_PER_ROUND; i++) {
                    for (PrimingRequests.Request request : PrimingRequests.ALL) {
                        send(front, request);
                    }
                }
            } finally {
                sources.searchConfigured();
            }
        }
    }

    /**
     * Searches the published index loaded, through each configured feed source, with its own words: it is in memory,
     * so no source is called; a check of the index is not due so soon after init (a very short refresh would make one).
     */
    private int searchPublishedFeeds() throws IOException {
        int searches = 0;
        for (PodcastSource source : sources.all()) {
            if (source instanceof PublishedFeedSource feed) {
                for (String query : feed.ownWords()) {
                    for (int i = 0; i < OWN_WORD_SEARCHES; i++) {
                        List<Hit> hits = feed.search(query, true).await().atMost(StandIns.LIMIT).hits();
                        // Written as an answer writes them: what a hit's moment is, is worked out when it is read.
                        json.writeValueAsBytes(hits.subList(0, Math.min(hits.size(), SHOWN_HITS)));
                        searches++;
                    }
                }
            }
        }
        return searches;
    }

    /**
     * The JIT compiles in the background, from a queue that the last rounds filled: what is still queued when the
     * snapshot is taken would be compiled after the restore, beside the first request, on the same few cores.
     */
    private static void awaitJitQuiet() throws InterruptedException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long deadline = System.nanoTime() + JIT_WAIT_LIMIT.toNanos();
        long compiling = jit.getTotalCompilationTime();
        while (System.nanoTime() < deadline) {
            Thread.sleep(JIT_QUIET.toMillis());
            long now = jit.getTotalCompilationTime();
            if (now == compiling) {
                return;
            }
            compiling = now;
        }
    }

    private void send(LambdaFront front, PrimingRequests.Request request) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        front.handleRequest(new ByteArrayInputStream(request.event()), answer, PrimingRequests.CONTEXT);
        int status = json.readTree(answer.toByteArray()).path("statusCode").asInt();
        if (status != request.status()) {
            throw new IllegalStateException("a priming request was answered " + status + ", not " + request.status()
                    + ", so it did not take the path it primes");
        }
    }

    private void connectAgain(StandIns standIns) {
        for (int i = 0; i < MORE_CONNECTIONS_PER_ROUND; i++) {
            try (PodcastSource fresh = sources.connect("priming-connection", standIns.plain("/episodes"))) {
                fresh.search("priming").await().atMost(StandIns.LIMIT);
            }
        }
    }

    private void handshakeWithHttpsStandIn(StandIns standIns) {
        try (PodcastSource https = sources.connect("priming-https", standIns.https())) {
            // Fails, as meant: the client trusts what the live sources show, not this certificate.
            https.search("priming").onFailure().recoverWithNull().await().atMost(StandIns.LIMIT);
        }
    }
}
