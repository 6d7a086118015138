package dev.podcastsearch.support.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

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
