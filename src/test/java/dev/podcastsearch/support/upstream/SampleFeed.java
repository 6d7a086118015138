package dev.podcastsearch.support.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The sample feed that dev mode serves too (src/test/resources/wiremock/__files/realpython/feed.xml), and the
 * transcripts and chapters it names, which the stand-in serves beside it. The feed leaves their URLs' start for the
 * stand-in to fill in with its own address.
 */
public final class SampleFeed {

    private static final String STAND_IN = "{{request.baseUrl}}";

    private SampleFeed() {
    }

    /**
     * The feed with its files at the podcast's own site, which no test may ask: a test that serves it to a function
     * whose transcripts are on ({@code search.transcripts.per-refresh} above 0) serves {@link #text(String)} instead.
     */
    public static String text() {
        return new String(file("feed.xml"), StandardCharsets.UTF_8)
                .replace(STAND_IN + "/realpython/", "https://realpython.com/podcasts/rpp/");
    }

    /** The feed with its files at {@code base}, under {@code /realpython/<episode>/} as the stand-in serves them. */
    public static String text(String base) {
        return new String(file("feed.xml"), StandardCharsets.UTF_8).replace(STAND_IN, base);
    }

    /**
     * What a stand-in answers for the feed and its files: {@code text} at {@code /feed} with {@code etag} (a 304 to a
     * request naming it), the sample's transcripts and chapters where {@link #text(String)} names them, {@code more}
     * beside them, and 404 to anything else.
     */
    public static Reply withFiles(String text, String etag, Map<String, Reply> more) {
        Map<String, Reply> files = new HashMap<>(Map.of(
                "/realpython/3/transcript.srt", served(file("3/transcript.srt")),
                "/realpython/3/chapters.json", served(file("3/chapters.json")),
                "/realpython/2/transcript.vtt", served(file("2/transcript.vtt")),
                "/realpython/1/transcript.json", served(file("1/transcript.json"))));
        files.putAll(more);
        return exchange -> {
            String target = exchange.request().target();
            if (target.equals("/feed")) {
                (etag.equals(exchange.request().header("If-None-Match")) ? Reply.notModified(etag)
                        : Reply.feed(text, etag, null)).write(exchange);
            } else {
                files.getOrDefault(target, Reply.status(404, "text/plain", "none")).write(exchange);
            }
        };
    }

    /** {@code body} as a 200 of its length. */
    public static Reply served(byte[] body) {
        return exchange -> {
            exchange.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            exchange.write(body);
        };
    }

    /** A file beside the feed, such as {@code 3/transcript.srt}. */
    public static byte[] file(String path) {
        String resource = "wiremock/__files/realpython/" + path;
        try (InputStream in = SampleFeed.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample file " + resource + " on the test class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
