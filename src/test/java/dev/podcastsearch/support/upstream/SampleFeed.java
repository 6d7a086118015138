package dev.podcastsearch.support.upstream;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The sample feed that dev mode serves too (src/test/resources/wiremock/__files/realpython/feed.xml). */
public final class SampleFeed {

    private SampleFeed() {
    }

    public static String text() {
        String resource = "wiremock/__files/realpython/feed.xml";
        try (InputStream in = SampleFeed.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample feed " + resource + " on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
