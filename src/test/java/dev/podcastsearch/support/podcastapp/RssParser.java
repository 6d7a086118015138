package dev.podcastsearch.support.podcastapp;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A feed reader that owes nothing to the function: the npm package rss-parser, which podcast and feed apps are built
 * on, run by the system's {@code node} on {@code src/test/resources/feed-reader/read-feed.js}. It is installed by
 * {@code .ci/run} under {@code target/feed-reader}, never into the project; without node or the package the tests that
 * read with it fail, saying how to install them. They never skip.
 */
public final class RssParser {

    /** Where .ci/run installs it. */
    static final Path MODULES = Path.of("target", "feed-reader", "node_modules");
    static final Path SCRIPT = Path.of("src", "test", "resources", "feed-reader", "read-feed.js");
    static final String INSTALL = "mkdir -p target/feed-reader && echo '{ \"private\": true }' > target/feed-reader/package.json"
            + " && (cd target/feed-reader && npm install --no-save --ignore-scripts rss-parser@3.13.0), as .ci/run does";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RssParser() {
    }

    /** What rss-parser reads from {@code xml}: its feed object, {@code title}, {@code items} and the rest, as JSON. */
    public static JsonNode read(byte[] xml) {
        if (!Files.isDirectory(MODULES.resolve("rss-parser"))) {
            throw new IllegalStateException("The feed tests read the feed with the npm package rss-parser, which is not"
                    + " installed at " + MODULES.toAbsolutePath() + ". Install it with: " + INSTALL + ".");
        }
        ProcessBuilder node = new ProcessBuilder("node", SCRIPT.toString());
        node.environment().put("NODE_PATH", MODULES.toAbsolutePath().toString());
        node.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process;
        try {
            process = node.start();
        } catch (IOException e) {
            throw new IllegalStateException("The feed tests run rss-parser with node, which could not be started ("
                    + e.getMessage() + "). Install Node.js (on Debian or Ubuntu: sudo apt-get install -y nodejs npm),"
                    + " then rss-parser: " + INSTALL + ".", e);
        }
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(xml);
            }
            byte[] out = process.getInputStream().readAllBytes();
            // A correctness bound, not a timing: node reads a small feed in well under a second.
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("rss-parser could not read the feed (its error is above): "
                        + new String(xml, StandardCharsets.UTF_8));
            }
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new AssertionError("rss-parser's answer could not be read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rss-parser read the feed", e);
        } finally {
            process.destroy();
        }
    }
}
