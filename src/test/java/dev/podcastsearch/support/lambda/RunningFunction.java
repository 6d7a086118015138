package dev.podcastsearch.support.lambda;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import dev.podcastsearch.support.EmfRecords;

/**
 * A function JVM started by {@link FunctionLauncher}. Closing it always ends the process (politely, then by force)
 * and deletes its unpacked package; a shutdown hook does the same should the test JVM exit first.
 */
public final class RunningFunction implements AutoCloseable {

    private static final Duration POLITE_STOP = Duration.ofSeconds(5);

    private final Process process;
    private final long launchedAtNanos;
    private final LambdaRuntimeApi runtimeApi;
    private final Path workDir;
    private final StringBuffer output = new StringBuffer();
    private final Thread outputPump;
    private final Thread shutdownHook;

    private RunningFunction(Process process, long launchedAtNanos, LambdaRuntimeApi runtimeApi, Path workDir, Path logFile)
            throws IOException {
        this.process = process;
        this.launchedAtNanos = launchedAtNanos;
        this.runtimeApi = runtimeApi;
        this.workDir = workDir;
        PrintWriter log = logFile == null ? null : openLog(logFile);
        this.outputPump = new Thread(() -> pumpOutput(log), "function-output-" + process.pid());
        this.outputPump.setDaemon(true);
        this.outputPump.start();
        this.shutdownHook = new Thread(() -> {
            process.destroyForcibly();
            deleteRecursively(workDir);
        });
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    static RunningFunction start(ProcessBuilder builder, LambdaRuntimeApi runtimeApi, Path workDir, Path logFile)
            throws IOException {
        long launchedAt = System.nanoTime();
        Process process = builder.start();
        try {
            return new RunningFunction(process, launchedAt, runtimeApi, workDir, logFile);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** When the JVM was started, in {@link System#nanoTime()} units. */
    public long launchedAtNanos() {
        return launchedAtNanos;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the function printed so far, stdout and stderr interleaved. */
    public String output() {
        return output.toString();
    }

    /**
     * Whether a line of the output matches, waiting up to {@code limit} for it: the JVM's standard output reaches this
     * process through a pipe and a pump thread, so a line written just before an answer was posted can come after it.
     */
    public boolean printed(Predicate<String> line, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (output().lines().noneMatch(line)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** The first metric record the function printed that {@code wanted} accepts, waiting up to {@code limit}. */
    public JsonNode awaitEmf(Predicate<JsonNode> wanted, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            Optional<JsonNode> found = EmfRecords.of(output()).stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw failure("no such metric record within " + limit);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits for the runtime's first {@code next} poll, the end of init, and answers how long after launch it came.
     * Fails early, with the function's output, if the JVM exits or reports an init error first.
     */
    public Duration awaitFirstPoll(Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            OptionalLong firstPoll = runtimeApi.firstPollNanos();
            if (firstPoll.isPresent()) {
                return Duration.ofNanos(firstPoll.getAsLong() - launchedAtNanos);
            }
            if (!runtimeApi.initErrors().isEmpty()) {
                throw failure("the function reported an init error: " + runtimeApi.initErrors());
            }
            if (!process.isAlive()) {
                awaitOutput();
                throw failure("the function JVM exited with status " + process.exitValue() + " before polling");
            }
            if (System.nanoTime() > deadline) {
                throw failure("the function did not poll for an event within " + limit.toMillis() + " ms");
            }
            sleep(Duration.ofMillis(5));
        }
    }

    /** From launch to the first {@code next} poll; empty before it. */
    public Optional<Duration> timeToFirstPoll() {
        return sinceLaunch(runtimeApi.firstPollNanos());
    }

    /** From launch to the first answer posted for any invocation; empty before it. */
    public Optional<Duration> timeToFirstAnswer() {
        return sinceLaunch(runtimeApi.firstAnswerNanos());
    }

    /**
     * Stops the JVM (SIGSTOP), as Lambda freezes an execution environment between invocations: no thread runs, but
     * the kernel still takes in what arrives, and the JVM sees it all at once when thawed.
     */
    public void freeze() {
        signal("STOP");
    }

    /** Lets a frozen JVM run again (SIGCONT). */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /**
     * Sends an event through this function's Runtime API and waits for its answer; an error the runtime reported
     * instead fails the test with the function's output.
     */
    public InvocationResult answer(String event, Duration limit) {
        InvocationResult result = runtimeApi.invoke(event).await(limit);
        if (result.outcome() != InvocationResult.Outcome.RESPONSE) {
            throw failure("the runtime reported an error: " + result.errorType() + ": " + result.body());
        }
        return result;
    }

    /** An {@link AssertionError} carrying the function's output, for a test to throw. */
    public AssertionError failure(String message) {
        return new AssertionError(message + "\n--- function output ---\n" + output());
    }

    /**
     * Ends the JVM at once (SIGKILL), as Lambda ends an execution environment whose invocation ran out of time: no
     * shutdown hook runs, nothing more is written. {@link #close()} still cleans up.
     */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
        awaitOutput();
    }

    /**
     * Asks the JVM to end (SIGTERM, as Lambda does at shutdown) and waits up to {@code patience} for it to exit on its
     * own, for what a JVM writes as it exits (an AOT cache); answers its exit status. {@link #close()} still cleans up.
     */
    public int stop(Duration patience) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw failure("the function JVM did not exit within " + patience.toMillis() + " ms of SIGTERM");
        }
        awaitOutput();
        return process.exitValue();
    }

    @Override
    public void close() {
        try {
            process.destroy();
            if (!process.waitFor(POLITE_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(POLITE_STOP.toMillis(), TimeUnit.MILLISECONDS);
            }
            outputPump.join(POLITE_STOP.toMillis());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            deleteRecursively(workDir);
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The test JVM is already shutting down; the hook runs anyway.
            }
        }
    }

    /** Lets the output pump take in what a JVM that just exited printed last (often why it exited). */
    private void awaitOutput() {
        try {
            outputPump.join(POLITE_STOP.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Optional<Duration> sinceLaunch(OptionalLong nanos) {
        return nanos.isPresent() ? Optional.of(Duration.ofNanos(nanos.getAsLong() - launchedAtNanos)) : Optional.empty();
    }

    private void pumpOutput(PrintWriter log) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null;) {
                output.append(line).append('\n');
                if (log != null) {
                    log.println(line);
                    log.flush();
                }
            }
        } catch (IOException e) {
            output.append("[output lost: ").append(e).append("]\n");
        } finally {
            if (log != null) {
                log.close();
            }
        }
    }

    private static PrintWriter openLog(Path logFile) throws IOException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        return new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8));
    }

    static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete " + directory + ": " + e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
