package dev.podcastsearch.search;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.health.SourceOutcome;
import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.Sources;
import io.quarkus.amazon.lambda.runtime.AmazonLambdaRecorder;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.KeyStoreOptions;

/**
 * Runs the search path once before a SnapStart snapshot is taken, so that the first caller of an instance restored from
 * it does not wait while the JVM loads and links what a search needs: the Lambda HTTP event conversion, the REST client
 * and Vert.x's HTTP client, TLS, the JSON readers and writers, the group search. It is a CRaC {@code beforeCheckpoint}
 * hook, which Lambda's runtime client calls when it publishes a version with SnapStart on. The sources searched are
 * stand-ins served in this JVM on loopback (both API formats, and one over HTTPS); the live APIs are never called. It
 * leaves no socket open, since a snapshot must not hold one.
 */
@ApplicationScoped
class SearchPriming implements Resource {

    private static final Logger LOG = Logger.getLogger(SearchPriming.class);
    private static final Duration LIMIT = Duration.ofSeconds(10);
    // Enough rounds for the JIT (C1 only on Lambda) to compile the hottest paths, TLS's crypto among them; the
    // snapshot keeps the compiled code. One round leaves the first search over HTTPS about a tenth slower.
    private static final int ROUNDS = 10;
    private static final String RESULTS_FORMAT = """
            {"keywords": ["priming"], "results": [{"id": 1, "category": "Episode", "url": "http://127.0.0.1/1",
             "title": "Priming", "description": "A stand-in hit."}]}""";
    private static final String EPISODES_FORMAT = """
            {"keywords": ["priming"], "episodes": [{"item_id": 2, "category": "episode", "url": "http://127.0.0.1/2",
             "title": "Priming", "description": "A stand-in hit."}]}""";
    // A search the validation refuses: it crosses the whole Lambda HTTP front and calls no source.
    private static final String REFUSED_EVENT = """
            {"version": "2.0", "routeKey": "$default", "rawPath": "/search", "rawQueryString": "category=priming",
             "headers": {"accept": "application/json", "host": "localhost"}, "queryStringParameters": {"category": "priming"},
             "requestContext": {"http": {"method": "GET", "path": "/search", "protocol": "HTTP/1.1",
               "sourceIp": "127.0.0.1", "userAgent": "priming"}, "requestId": "priming", "routeKey": "$default",
               "stage": "$default", "timeEpoch": 0}, "isBase64Encoded": false}""";

    private final GroupSearch groupSearch;
    private final Sources sources;
    private final Vertx vertx;
    private final ObjectMapper json;

    SearchPriming(GroupSearch groupSearch, Sources sources, Vertx vertx, ObjectMapper json) {
        this.groupSearch = groupSearch;
        this.sources = sources;
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

    /** Never fails the snapshot: an unprimed function is slower on its first search, not broken. */
    void prime() {
        long started = System.nanoTime();
        try {
            // Builds the configured sources' clients, which sends nothing.
            sources.all();
            for (int round = 0; round < ROUNDS; round++) {
                searchStandIns(round % 2 == 1);
                handshakeWithHttpsStandIn();
                refusedSearchThroughLambdaFront();
            }
            LOG.infof("primed the search path in %d ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (Exception e) {
            LOG.warnf(e, "priming the search path failed; the first search will be slower");
        }
    }

    /** Both modes share most of their path; partial mode adds what turns failures into outcomes. */
    private void searchStandIns(boolean partial) throws Exception {
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> request.response()
                        .putHeader("Content-Type", "application/json")
                        .end(request.path().startsWith("/results/") ? RESULTS_FORMAT : EPISODES_FORMAT));
        await(server.listen(0, "127.0.0.1"));
        String base = "http://127.0.0.1:" + server.actualPort();
        try (PodcastSource results = sources.connect("priming-results", URI.create(base + "/results"));
                PodcastSource episodes = sources.connect("priming-episodes", URI.create(base + "/episodes"))) {
            // On an event loop, in a context of its own, as the REST layer runs a search.
            CompletableFuture<List<SourceOutcome>> found = new CompletableFuture<>();
            VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext()).runOnContext(ignored -> groupSearch
                    .search(List.of(episodes, results), "priming", partial)
                    .subscribe().with(found::complete, found::completeExceptionally));
            json.writeValueAsBytes(SearchResponse.of(new SearchRequest("priming", Category.ALL, partial, SearchRequest.DEFAULT_LIMIT, 0),
                    found.get(LIMIT.toMillis(), TimeUnit.MILLISECONDS), 0));
        } finally {
            await(server.close());
        }
    }

    /** The live sources speak HTTPS: this runs the client side of a TLS handshake, up to the certificate check. */
    private void handshakeWithHttpsStandIn() throws Exception {
        KeyStoreOptions certificate = new KeyStoreOptions().setType("PKCS12")
                .setValue(Buffer.buffer(PrimingCertificate.keyStore())).setPassword(PrimingCertificate.PASSWORD);
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate))
                .requestHandler(request -> request.response().end());
        await(server.listen(0, "127.0.0.1"));
        try (PodcastSource https = sources.connect("priming-https",
                URI.create("https://127.0.0.1:" + server.actualPort()))) {
            // Fails, as meant: the client trusts what the live sources show, not this certificate.
            https.search("priming").onFailure().recoverWithNull().await().atMost(LIMIT);
        } finally {
            await(server.close());
        }
    }

    private static void refusedSearchThroughLambdaFront() throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        AmazonLambdaRecorder.handle(new ByteArrayInputStream(REFUSED_EVENT.getBytes(StandardCharsets.UTF_8)), answer, null);
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
