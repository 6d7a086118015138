package dev.podcastsearch.support.s3;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * An S3-compatible server for the tests: the npm package s3rver, run by the system's {@code node} on
 * {@code src/test/resources/s3rver/serve.js}, on a free port of 127.0.0.1, keeping its buckets in a temporary
 * directory. It can be stopped (the bucket becomes unreachable: connections are refused) and started again on the same
 * port and directory, with the objects it held. It records every request it answers, with its condition and status
 * ({@link #requests()}): what a function asked of the bucket, seen from outside. The first start installs s3rver with {@code npm}, at a pinned version,
 * without its install scripts, under {@code target/s3rver}, never into the project, so that {@code ./mvnw verify}
 * needs nothing more than Node.js. Without node or npm, or when the install fails, the tests that use it fail, saying
 * why. They never skip.
 *
 * <pre>{@code
 * try (S3rver s3 = S3rver.launch("index"); S3Client client = S3rver.client(s3.endpoint())) {
 *     client.putObject(b -> b.bucket(s3.bucket()).key("index.zip"), RequestBody.fromBytes(zip));
 * }
 * }</pre>
 */
public final class S3rver implements AutoCloseable {

    /**
     * The only access key s3rver 3.7.1 knows (its dummy account): any other is refused as {@code InvalidAccessKeyId}.
     * It checks no Signature Version 4 signature, so the secret is never verified.
     */
    public static final String ACCESS_KEY = "S3RVER";
    public static final String SECRET_KEY = "S3RVER";

    private static final Path HOME = Path.of("target", "s3rver");
    private static final Path MODULES = HOME.resolve("node_modules");
    private static final Path SCRIPT = Path.of("src", "test", "resources", "s3rver", "serve.js");
    private static final String PACKAGE = "s3rver@3.7.1";
    private static final String READY = "listening ";
    private static final String REQUEST = "request\t";
    // Correctness bounds, not timings: node starts s3rver and ends it in well under a second.
    private static final long START_SECONDS = 60;
    private static final long STOP_SECONDS = 30;

    private final String bucket;
    private final Path directory;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private int port;
    private Process process;

    private S3rver(String bucket, Path directory) {
        this.bucket = bucket;
        this.directory = directory;
    }

    /** A running s3rver on a free port of 127.0.0.1, in a new temporary directory, with {@code bucket} created. */
    public static S3rver launch(String bucket) {
        install();
        Path directory;
        try {
            directory = Files.createTempDirectory("s3rver");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        S3rver server = new S3rver(bucket, directory);
        server.start();
        return server;
    }

    /**
     * An S3 client for the s3rver at {@code endpoint}, over the JDK's HTTP client as the pom chooses, with path-style
     * requests and s3rver's credentials.
     */
    public static S3Client client(URI endpoint) {
        return S3Client.builder()
                .endpointOverride(endpoint)
                // s3rver would take the bucket from a host name too, but 127.0.0.1 has no subdomains.
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                // Over plain HTTP the SDK signs a PutObject body in aws-chunked frames; s3rver does not decode them and
                // would store the frames and their signatures as the object.
                .serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .build();
    }

    /**
     * A request s3rver answered: its method, its URL as sent ({@code /bucket/key} in path style), its
     * {@code If-None-Match} (null without one) and the status it got.
     */
    public record Request(String method, String url, String ifNoneMatch, int status) {
    }

    /**
     * Every request answered since the launch, in the order answered, over every start. A request's line comes after
     * its answer, so a client may have its answer a moment before the request is here: see {@link #awaitRequests}.
     */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * The requests answered after the first {@code from}, once one of them is {@code awaited}; fails after
     * {@code limit} without one.
     */
    public List<Request> awaitRequests(int from, Predicate<Request> awaited, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            List<Request> since = List.copyOf(requests.subList(Math.min(from, requests.size()), requests.size()));
            if (since.stream().anyMatch(awaited)) {
                return since;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("s3rver did not answer the request awaited within " + limit.toMillis()
                        + " ms; it answered " + since);
            }
            Thread.sleep(20);
        }
    }

    public String bucket() {
        return bucket;
    }

    /** {@code http://127.0.0.1:<port>}: the same while stopped and after starting again. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Starts it again after {@link #stop()}, on the same port and directory, or fails. The first start takes any free
     * port and keeps the one it got.
     */
    public synchronized void start() {
        if (process != null) {
            throw new IllegalStateException("s3rver is already running at " + endpoint());
        }
        ProcessBuilder node = new ProcessBuilder("node", SCRIPT.toString(), directory.toString(),
                Integer.toString(port), bucket);
        node.environment().put("NODE_PATH", MODULES.toAbsolutePath().toString());
        // Never the JVM's own stdio: node may make it non-blocking, which breaks surefire's channel to the fork.
        node.redirectErrorStream(true);
        Process started;
        try {
            started = node.start();
        } catch (IOException e) {
            throw new IllegalStateException("The S3 tests run s3rver with node, which could not be started ("
                    + e.getMessage() + "). Install Node.js (on Debian or Ubuntu: sudo apt-get install -y nodejs npm).", e);
        }
        // serve.js says when it listens, so nothing polls a port that may not be open yet nor sleeps; its output is
        // read to the end, or node would block on a full pipe once it has logged enough requests.
        CompletableFuture<Integer> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> readOutput(started, ready), "s3rver-output");
        reader.setDaemon(true);
        reader.start();
        try {
            port = ready.get(START_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            started.destroyForcibly();
            throw new IllegalStateException("s3rver did not start on " + (port == 0 ? "a free port" : "port " + port)
                    + " in " + directory, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            started.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while s3rver started", e);
        }
        process = started;
    }

    /** Ends the node process: from then on, connections to {@link #endpoint()} are refused. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** Stops it and deletes its directory. */
    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads serve.js's lines: completes {@code ready} with the port it listens on, then records each request it
     * answered. End of output before that means node exited, having said why.
     */
    private void readOutput(Process node, CompletableFuture<Integer> ready) {
        StringBuilder said = new StringBuilder();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(READY)) {
                    ready.complete(Integer.parseInt(line.substring(READY.length()).trim()));
                } else if (line.startsWith(REQUEST)) {
                    String[] fields = line.split("\t");
                    requests.add(new Request(fields[1], fields[2], fields[3].equals("-") ? null : fields[3],
                            Integer.parseInt(fields[4])));
                } else {
                    said.append(line).append('\n');
                }
            }
            ready.completeExceptionally(new IllegalStateException("node exited with status " + node.waitFor() + ":\n"
                    + said));
        } catch (IOException | RuntimeException e) {
            ready.completeExceptionally(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ready.completeExceptionally(e);
        }
    }

    /** Once per test run: a package.json of its own, or npm would install into the nearest folder above that has one. */
    private static synchronized void install() {
        if (Files.isDirectory(MODULES.resolve("s3rver"))) {
            return;
        }
        try {
            Files.createDirectories(HOME);
            Files.writeString(HOME.resolve("package.json"), "{ \"private\": true }\n");
            Path log = HOME.resolve("npm-install.log");
            // Not inheritIO: npm would make the JVM's stdin non-blocking, and surefire reads its commands there.
            Process npm = new ProcessBuilder("npm", "install", "--no-save", "--no-audit", "--no-fund", "--ignore-scripts",
                    "--loglevel=error", PACKAGE).directory(HOME.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            npm.getOutputStream().close();
            // A correctness bound: an install that hangs fails the test instead of the build.
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                npm.destroy();
                throw new IllegalStateException("npm could not install " + PACKAGE + " under " + HOME.toAbsolutePath()
                        + ":\n" + Files.readString(log));
            }
        } catch (IOException e) {
            throw new IllegalStateException("The S3 tests install " + PACKAGE + " with npm, which could not be started ("
                    + e.getMessage() + "). Install Node.js and npm (on Debian or Ubuntu: sudo apt-get install -y nodejs"
                    + " npm)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while npm installed " + PACKAGE, e);
        }
    }
}
