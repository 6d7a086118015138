package dev.podcastsearch.support.soak;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.stream.Collectors;

import dev.podcastsearch.support.lambda.FunctionLauncher;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.Invocation;
import dev.podcastsearch.support.lambda.InvocationResult;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.ProcessSnapshot;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.Faults;

/**
 * A soak: thousands of searches, one in ten of them with an injected fault, against {@code target/function.zip}
 * running under AWS's runtime client, with what the function process holds measured after a warm-up and again
 * at the end. See {@link SoakReport} for what comes out.
 *
 * <p>
 * Searches go one at a time, as on-demand Lambda sends them, or, with {@link #concurrently}, with twice
 * {@code AWS_LAMBDA_MAX_CONCURRENCY} queued at all times, so that every runtime thread always has work.
 * Faults come every tenth search, their kinds and the faulty source in turn, so each kind hits each source
 * evenly throughout the run.
 */
public final class SoakRun {

    private static final List<InjectedFault> FAULT_ORDER = List.of(InjectedFault.values());
    private static final List<String> SOURCES = List.of(PYTHON_BYTES, TALK_PYTHON);
    private static final Duration ANSWER_LIMIT = Duration.ofSeconds(30);
    private static final Duration SETTLE_LIMIT = Duration.ofSeconds(10);
    private static final int RUNTIME_FRAMES_SHOWN = 16;
    /**
     * The function's {@code SEARCH_TIMEOUT}: each slow fault costs this much, and a cancellation must come well
     * within it. Far above a healthy search's run time, even on a busy machine.
     */
    private static final Duration SEARCH_TIMEOUT = Duration.ofSeconds(1);
    /** The JDK running the tests runs the function too, so its {@code jcmd} can attach to it. */
    private static final Path JAVA_HOME = FunctionLauncher.deployedJavaHome();

    private final String name;
    private int warmUp;
    private int invocations;
    private int maxConcurrency;

    private SoakRun(String name) {
        this.name = name;
    }

    /** A run whose log and figures are named {@code name} under {@code target/}. */
    public static SoakRun named(String name) {
        return new SoakRun(name);
    }

    /** Searches before the first measurement, so that pools, caches and the JIT have settled. */
    public SoakRun warmUp(int invocations) {
        this.warmUp = invocations;
        return this;
    }

    /** Searches measured after the warm-up. */
    public SoakRun invocations(int invocations) {
        this.invocations = invocations;
        return this;
    }

    /** Runs under {@code AWS_LAMBDA_MAX_CONCURRENCY=maxConcurrency}, with twice that many searches always queued. */
    public SoakRun concurrently(int maxConcurrency) {
        this.maxConcurrency = maxConcurrency;
        return this;
    }

    /**
     * The search for invocation {@code n}: a plain query, or every tenth one a fault for one source; every third
     * search, healthy or not, is a partial one.
     */
    static Planned plan(String name, int n) {
        boolean partial = n % 3 == 0;
        if (n % 10 != 5) {
            return new Planned(n, String.format("%s-%06d", name, n), null, null, partial);
        }
        InjectedFault fault = FAULT_ORDER.get(n / 10 % FAULT_ORDER.size());
        String sourceId = SOURCES.get(n / (10 * FAULT_ORDER.size()) % SOURCES.size());
        return new Planned(n, fault.query(sourceId, n, partial), fault, sourceId, partial);
    }

    /** Launches the function, runs the warm-up and the measured searches, and reports; the function is stopped after. */
    public SoakReport run() throws IOException {
        List<Planned> plan = new ArrayList<>();
        for (int n = 0; n < warmUp + invocations; n++) {
            plan.add(plan(name, n));
        }
        try (SoakUpstreams upstreams = SoakUpstreams.start();
                LambdaRuntimeApi runtimeApi = LambdaRuntimeApi.start()) {
            FunctionLauncher launcher = FunctionLauncher.forPackage(Path.of("target", "function.zip"))
                    .environment(upstreams.environment())
                    .environment("SEARCH_TIMEOUT", SEARCH_TIMEOUT.toMillis() + "ms")
                    // Every answer is checked against the fault planned for it; with suspension on, faults that
                    // end close together (at concurrency 8 they do) would suspend a source and change the answers.
                    // SourceHealthIT checks suspension in the package.
                    .environment("SEARCH_SUSPENSION_ENABLED", "false")
                    .javaHome(JAVA_HOME)
                    .logTo(Path.of("target", "function-logs", name + ".log"));
            if (maxConcurrency > 0) {
                launcher.maxConcurrency(maxConcurrency);
            }
            try (RunningFunction function = launcher.launch(runtimeApi)) {
                Duration init = function.awaitFirstPoll(Duration.ofSeconds(60));
                Map<Integer, String> peers = new HashMap<>(upstreams.portsBySource());
                peers.put(URI.create("http://" + runtimeApi.address()).getPort(), "runtime-api");

                Searches searches = new Searches(runtimeApi, upstreams, function);
                List<InvocationResult> results = new ArrayList<>(searches.run(plan.subList(0, warmUp)));
                settle(upstreams, plan.subList(0, warmUp));
                ProcessSnapshot afterWarmUp = ProcessSnapshot.take(function.pid(), JAVA_HOME, peers);

                long started = System.nanoTime();
                results.addAll(searches.run(plan.subList(warmUp, plan.size())));
                Duration measured = Duration.ofNanos(System.nanoTime() - started);
                settle(upstreams, plan);
                ProcessSnapshot atEnd = ProcessSnapshot.take(function.pid(), JAVA_HOME, peers);

                List<Answered> answered = new ArrayList<>();
                for (int n = 0; n < plan.size(); n++) {
                    answered.add(new Answered(plan.get(n), results.get(n)));
                }
                return new SoakReport(name, maxConcurrency, SEARCH_TIMEOUT, warmUp, init, measured, answered,
                        afterWarmUp, atEnd, upstreams, runtimeApi, function);
            }
        }
    }

    /** Sends searches to one running function, and explains an answer that never comes. */
    private final class Searches {

        private final LambdaRuntimeApi runtimeApi;
        private final SoakUpstreams upstreams;
        private final RunningFunction function;

        Searches(LambdaRuntimeApi runtimeApi, SoakUpstreams upstreams, RunningFunction function) {
            this.runtimeApi = runtimeApi;
            this.upstreams = upstreams;
            this.function = function;
        }

        List<InvocationResult> run(List<Planned> searches) {
            if (maxConcurrency == 0) {
                return searches.stream().map(search -> await(search, runtimeApi.invoke(event(search)))).toList();
            }
            Semaphore queued = new Semaphore(2 * maxConcurrency);
            List<Invocation> invocations = new ArrayList<>();
            for (Planned search : searches) {
                queued.acquireUninterruptibly();
                Invocation invocation = runtimeApi.invoke(event(search));
                invocation.result().whenComplete((result, failure) -> queued.release());
                invocations.add(invocation);
            }
            List<InvocationResult> results = new ArrayList<>();
            for (int i = 0; i < searches.size(); i++) {
                results.add(await(searches.get(i), invocations.get(i)));
            }
            return results;
        }

        /**
         * The answer; if none comes in time, an {@link AssertionError} saying how far the search got (handed to the
         * runtime or not, sent on to the sources or not), with the function's threads dumped to {@code target/soak/}.
         */
        private InvocationResult await(Planned search, Invocation invocation) {
            try {
                return invocation.await(ANSWER_LIMIT);
            } catch (AssertionError noAnswer) {
                Path dump = Path.of("target", "soak", name + "-threads-" + search.n() + ".txt");
                String busyRuntimeThreads;
                try {
                    String threads = ProcessSnapshot.threadDump(function.pid(), JAVA_HOME);
                    Files.createDirectories(dump.getParent());
                    Files.writeString(dump, threads);
                    busyRuntimeThreads = busyRuntimeThreads(threads) + "\nall threads: " + dump;
                } catch (IOException | RuntimeException e) {
                    busyRuntimeThreads = "unknown, no thread dump: " + e;
                }
                throw new AssertionError(String.format("search %d '%s' (request id %s) got no answer within %d s: "
                        + "handed to the runtime: %s; requests for it at the sources: %s; Runtime API violations: %s; "
                        + "function %s; runtime threads not polling: %s", search.n(), search.query(),
                        invocation.requestId(), ANSWER_LIMIT.toSeconds(), invocation.isHandedOut() ? "yes" : "no",
                        upstreams.requestsFor(search.query()), runtimeApi.protocolViolations(),
                        function.isAlive() ? "alive" : "exited", busyRuntimeThreads), noAnswer);
            }
        }

        /** The top of the stack of each runtime client thread that is not waiting for the next event. */
        private static String busyRuntimeThreads(String threadDump) {
            return Arrays.stream(threadDump.split("\\R\\R"))
                    .filter(thread -> thread.contains("AWSLambda.startRuntimeLoop(") && !thread.contains("NativeClient.next"))
                    .map(thread -> thread.lines().limit(RUNTIME_FRAMES_SHOWN).collect(Collectors.joining("\n")))
                    .collect(Collectors.joining("\n", "\n", ""));
        }

        private String event(Planned search) {
            return search.partial() ? HttpApiEvents.search(Map.of("q", search.query(), "partial", "true"))
                    : HttpApiEvents.search(search.query());
        }
    }

    /**
     * Waits until every request held open for these searches has ended, so that a measurement does not count
     * a connection the function is still closing.
     */
    private static void settle(SoakUpstreams upstreams, List<Planned> searches) {
        long deadline = System.nanoTime() + SETTLE_LIMIT.toNanos();
        for (Planned search : searches) {
            while (search.holdsARequest() && upstreams.held(search.query()).isEmpty() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * One search of the run.
     *
     * @param fault the fault injected, null for a healthy search
     * @param faultySourceId the source that suffers it, null for a healthy search
     * @param partial whether it is searched with {@code partial=true}
     */
    public record Planned(int n, String query, InjectedFault fault, String faultySourceId, boolean partial) {

        public boolean healthy() {
            return fault == null;
        }

        /** Whether a source holds its request open: the slow one, or the sibling the function must cancel. */
        public boolean holdsARequest() {
            return fault == InjectedFault.SLOW || fault != null && !partial;
        }
    }

    /** A search and what the function answered. */
    record Answered(Planned search, InvocationResult result) {
    }
}
