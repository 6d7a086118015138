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
 * on, run by the system's {@code node} on {@code src/test/resources/feed-reader/read-feed.js}. The first reading
 * installs it with {@code npm}, at a pinned version, without its install scripts, under {@code target/feed-reader},
 * never into the project, so that {@code ./mvnw verify} needs nothing more than Node.js. Without node or npm, or when
 * the install fails, the tests that read with it fail, saying why. They never skip.
 */
public final class RssParser {

    private static final Path READER = Path.of("target", "feed-reader");
    private static final Path MODULES = READER.resolve("node_modules");
    private static final Path SCRIPT = Path.of("src", "test", "resources", "feed-reader", "read-feed.js");
    private static final String PACKAGE = "rss-parser@3.13.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RssParser() {
    }

    /** What rss-parser reads from {@code xml}: its feed object, {@code title}, {@code items} and the rest, as JSON. */
    public static JsonNode read(byte[] xml) {
        install();
        ProcessBuilder node = new ProcessBuilder("node", SCRIPT.toString());
        node.environment().put("NODE_PATH", MODULES.toAbsolutePath().toString());
        // Never the JVM's own stdio, which node could make non-blocking under surefire's channel.
        node.redirectError(ProcessBuilder.Redirect.appendTo(READER.resolve("node-errors.log").toFile()));
        Process process;
        try {
            process = node.start();
        } catch (IOException e) {
            throw new IllegalStateException("The feed tests run rss-parser with node, which could not be started ("
                    + e.getMessage() + "). Install Node.js (on Debian or Ubuntu: sudo apt-get install -y nodejs npm)"
                    + ".", e);
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

    /** Once per test run: a package.json of its own, or npm would install into the nearest folder above that has one. */
    private static synchronized void install() {
        if (Files.isDirectory(MODULES.resolve("rss-parser"))) {
            return;
        }
        try {
            Files.createDirectories(READER);
            Files.writeString(READER.resolve("package.json"), "{ \"private\": true }\n");
            Path log = READER.resolve("npm-install.log");
            // Not inheritIO: npm would make the JVM's stdin non-blocking, and surefire reads its commands there (a run
            // that installed it this way ended in "std/in stream corrupted").
            Process npm = new ProcessBuilder("npm", "install", "--no-save", "--no-audit", "--no-fund", "--ignore-scripts",
                    "--loglevel=error", PACKAGE).directory(READER.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            npm.getOutputStream().close();
            // A correctness bound: an install that hangs fails the test instead of the build.
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroy();
                throw new IllegalStateException("npm could not install " + PACKAGE + " under " + READER.toAbsolutePath()
                        + ":\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("The feed tests install " + PACKAGE + " with npm, which could not be started ("
                    + e.getMessage() + "). Install Node.js and npm (on Debian or Ubuntu: sudo apt-get install -y nodejs"
                    + " npm)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while npm installed " + PACKAGE, e);
        }
    }
}
