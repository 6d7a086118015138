package dev.podcastsearch.priming;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.net.KeyStoreOptions;

/**
 * The sources priming searches instead of the configured ones, served in this JVM on loopback: both search API
 * formats and an RSS feed over plain HTTP, and an HTTPS server that only shakes hands. Started once for all rounds,
 * since making and loading the key store is most of what an HTTPS server costs; closing them closes every
 * connection they accepted.
 */
final class StandIns implements AutoCloseable {

    static final Duration LIMIT = Duration.ofSeconds(10);
    /** Where the stand-in S3 server is: its objects, path-style, below. */
    private static final String S3_PATH = "/s3";

    // Shaped as the live APIs answer, fields they add (elapsed_ms) and both list fields included: an unknown field
    // sends Jackson down its buffering path for records, which a reply with only the known fields never takes.
    private static final String RESULTS_FORMAT = """
            {"elapsed_ms": 3.71, "keywords": ["priming"], "results": [
             {"id": 1, "category": "Episode", "url": "/episodes/show/1/priming", "title": "Priming",
              "description": "A stand-in hit."},
             {"id": 1, "category": "Transcript", "url": "/episodes/transcript/1/priming", "title": "Priming's transcript",
              "description": "A stand-in transcript."}]}""";
    private static final String EPISODES_FORMAT = """
            {"elapsed_ms": 2.14, "keywords": ["priming"], "results": [], "episodes": [
             {"item_id": 2, "category": "episode", "url": "http://127.0.0.1/episodes/show/2/priming", "title": "#2: Priming",
              "description": "A stand-in hit."},
             {"item_id": 3, "category": "Episode", "url": "http://127.0.0.1/episodes/show/3/priming", "title": "#3: Priming",
              "description": "Another stand-in hit."}]}""";
    // The &nbsp; loads HTML's table of named references (jsoup's) before the snapshot rather than in a search; the
    // enclosure, duration and person load the reading of what a hit says the episode is.
    private static final String FEED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"
                 xmlns:podcast="https://podcastindex.org/namespace/1.0"><channel><title>Priming</title>
            <item><title>Priming</title><link>http://127.0.0.1/3</link><guid>priming-3</guid>
            <pubDate>Fri, 08 Mar 2024 12:00:00 GMT</pubDate><itunes:episode>3</itunes:episode>
            <enclosure url="http://127.0.0.1/3.mp3" type="audio/mpeg"/><itunes:duration>01:00</itunes:duration>
            <podcast:person role="guest">Priming</podcast:person>
            <description><![CDATA[<p>A stand-in <b>episode</b> &amp; its&nbsp;notes.</p>]]></description></item>
            <item><title>Priming again</title><guid>priming-4</guid><description>No number.</description></item>
            </channel></rss>""";

    private final HttpServer plain;
    private final HttpServer https;

    private StandIns(HttpServer plain, HttpServer https) {
        this.plain = plain;
        this.https = https;
    }

    static StandIns start(Vertx vertx) throws Exception {
        HttpServer plain = vertx.createHttpServer()
                .requestHandler(request -> {
                    if (request.path().startsWith(S3_PATH)) {
                        answerConditionalGet(request);
                    } else if (request.path().equals("/feed")) {
                        answer(request.response(), "application/rss+xml", FEED);
                    } else {
                        answer(request.response(), "application/json",
                                request.path().startsWith("/results/") ? RESULTS_FORMAT : EPISODES_FORMAT);
                    }
                });
        await(plain.listen(0, "127.0.0.1"));
        KeyStoreOptions certificate = new KeyStoreOptions().setType("PKCS12")
                .setValue(Buffer.buffer(PrimingCertificate.keyStore())).setPassword(PrimingCertificate.PASSWORD);
        HttpServer https = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setKeyCertOptions(certificate))
                .requestHandler(request -> request.response().end());
        try {
            await(https.listen(0, "127.0.0.1"));
        } catch (Exception e) {
            await(plain.close());
            throw e;
        }
        return new StandIns(plain, https);
    }

    /**
     * With a web server's usual headers, their names capitalized as such servers write them: the HTTP client compares
     * names ignoring case, and the lower-case ones Vert.x would write never take that comparison's slower path.
     */
    private static void answer(HttpServerResponse response, String type, String body) {
        Buffer bytes = Buffer.buffer(body);
        response.putHeader("Server", "nginx")
                .putHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)))
                .putHeader("Content-Type", type)
                .putHeader("Content-Length", Integer.toString(bytes.length()))
                .putHeader("Connection", "keep-alive")
                .end(bytes);
    }

    /**
     * As S3 answers a GET of an object whose ETag is still the one the request names: 304, with S3's usual headers.
     * Anything else, 404: priming only ever asks conditionally.
     */
    private static void answerConditionalGet(HttpServerRequest request) {
        String etag = request.getHeader("If-None-Match");
        HttpServerResponse response = request.response().putHeader("Server", "AmazonS3")
                .putHeader("x-amz-request-id", "PRIMING")
                .putHeader("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        if (etag == null) {
            response.setStatusCode(404).end();
        } else {
            response.setStatusCode(304).putHeader("ETag", etag).end();
        }
    }

    /** An S3-compatible endpoint whose every object is unchanged since the ETag a request names. */
    URI s3() {
        return URI.create("http://127.0.0.1:" + plain.actualPort() + S3_PATH);
    }

    /** A search API in the results format ({@code /results}), the episodes format, or the feed ({@code /feed}). */
    URI plain(String path) {
        return URI.create("http://127.0.0.1:" + plain.actualPort() + path);
    }

    URI https() {
        return URI.create("https://127.0.0.1:" + https.actualPort());
    }

    @Override
    public void close() throws Exception {
        try {
            await(plain.close());
        } finally {
            await(https.close());
        }
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    }
}
