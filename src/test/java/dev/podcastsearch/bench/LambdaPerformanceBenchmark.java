package dev.podcastsearch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.podcastsearch.aot.AotPackage;
import dev.podcastsearch.support.lambda.FunctionLauncher;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.Invocation;
import dev.podcastsearch.support.lambda.InvocationResult;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.SampleFeed;
import dev.podcastsearch.support.upstream.ScriptedUpstream;

/**
 * Measures {@code target/function.zip} against a plain Java handler doing the same search ({@link PlainJavaSearchHandler})
 * and against the framework floor, the smallest Quarkus Lambda HTTP function with the same extensions ({@link FloorPackage}),
 * all run as Lambda runs them (AWS's runtime interface client, the managed runtime's JVM options, a local Runtime API),
 * against the same raw-socket stand-ins that answer after a fixed delay. Prints one table and writes it to
 * {@code target/bench/}. Not part of {@code ./mvnw verify}: run it with {@code ./mvnw verify -Pbench}.
 *
 * <p>
 * The machine is shared and noisy, so the functions are measured in the same run, cold starts alternate between
 * them and warm invocations alternate one by one; ratios in one run are what count. Nothing here asserts a speed: the
 * assertions only make sure that every figure measures a correct answer.
 */
@Timeout(value = 90, unit = TimeUnit.MINUTES)
class LambdaPerformanceBenchmark {

    static final Path OUT = Path.of("target", "bench");
    static final Duration ANSWER_LIMIT = Duration.ofSeconds(30);
    /** The upstream delay for cold starts and the warm run: a quick search API. */
    static final Duration WARM_DELAY = Duration.ofMillis(50);
    static final Duration FAN_OUT_DELAY = Duration.ofMillis(100);
    static final Duration FAILURE_AFTER = Duration.ofMillis(50);
    static final Duration SLOW_SIBLING = Duration.ofMillis(1500);
    static final int WARM_UP = 100;
    static final int FAN_OUT_INVOCATIONS = 100;
    static final int FAIL_FAST_ROUNDS = 20;
    static final int TLS_INVOCATIONS = 100;
    static final List<Integer> FAN_OUT_SOURCES = List.of(2, 4, 8, 16);
    static final Reply FAILURE = Reply.status(503, "application/json", "{\"error\":\"unavailable\"}");

    final int coldStarts = Integer.getInteger("bench.coldStarts", 5);
    final int warmInvocations = Integer.getInteger("bench.warmInvocations", 1000);
    /** Measured turns of the feature section, each turn every kind of request in the first JVM and as many in the others. */
    final int featureInvocations = Integer.getInteger("bench.featureInvocations", 250);
    final Path javaHome = Path.of(System.getProperty("bench.javaHome", System.getProperty("java.home")));
    final Path functionZip = Path.of(System.getProperty("bench.package", "target/function.zip"));
    /** A floor built before ({@code target/bench/floor/target/function.zip}), instead of building it again. */
    final String floorZip = System.getProperty("bench.floorPackage", "");
    final List<String> oursJvmOptions = words(System.getProperty("bench.oursJvmOptions", ""));
    final List<String> baselineJvmOptions = words(System.getProperty("bench.baselineJvmOptions", ""));
    final Set<String> sections = Set.copyOf(words(System.getProperty("bench.sections", "cold coldtls warm fanout tls features corpus scale")));
    /** Which functions the cold starts launch, by key; all of them unless set. */
    final Set<String> coldCandidates = Set.copyOf(words(System.getProperty("bench.coldCandidates", "")));
    /**
     * The package for a custom runtime ({@code ./mvnw package -Paot}), built here when it is missing or older than
     * function.zip and a JDK 25 is found ({@code -Daot.javaHome}, else Temurin's usual path); its column stays empty
     * when there is none.
     */
    final Path aotZip = Path.of(System.getProperty("bench.aotPackage", "target/function-aot.zip"));
    final String aotJavaHome = System.getProperty("aot.javaHome", "/usr/lib/jvm/temurin-25-jdk-amd64");
    final int memoryMb = templateMemoryMb();
    /**
     * Other builds of the function, {@code label=path.zip,...}, measured in the cold starts and the warm run beside this
     * one, alternating with it: how much a change costs, init included, in the same run, on the same machine.
     */
    final List<Candidate> compared = compared(System.getProperty("bench.comparePackages", ""));
    /** The same builds with the SnapStart hooks, beside ours-snapstart in the cold starts. */
    final List<Candidate> comparedPrimed = compared.stream()
            .map(other -> Candidate.managed(other.key() + "-snapstart", other.zip(), other.handler(),
                    Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"), other.jvmOptions()))
            .toList();

    /** A deployment package and how Lambda is told to run it: on the managed Java runtime, or by its own bootstrap. */
    record Candidate(String key, Path zip, String handler, Map<String, String> environment, List<String> jvmOptions,
            boolean customRuntime, boolean keepFileTimes) {

        static Candidate managed(String key, Path zip, String handler, Map<String, String> environment, List<String> jvmOptions) {
            return new Candidate(key, zip, handler, environment, jvmOptions, false, true);
        }
    }

    /** One function JVM with its own Runtime API. */
    record Running(Candidate candidate, LambdaRuntimeApi api, RunningFunction function) implements AutoCloseable {

        InvocationResult search(String q) {
            return invoke(HttpApiEvents.search(q));
        }

        InvocationResult invoke(String event) {
            return awaited(api.invoke(event));
        }

        /** With a client context and a Cognito identity, as an app's invocation through an AWS mobile SDK. */
        InvocationResult invokeFromApp(String event) {
            return awaited(api.invokeFromApp(event));
        }

        private InvocationResult awaited(Invocation invocation) {
            InvocationResult result;
            try {
                result = invocation.await(ANSWER_LIMIT);
            } catch (AssertionError e) {
                throw function.failure(candidate.key() + ": " + e.getMessage() + "; protocol violations: "
                        + api.protocolViolations() + "; threads:\n" + threadDump(function.pid()));
            }
            if (result.outcome() != InvocationResult.Outcome.RESPONSE) {
                throw function.failure(candidate.key() + ": the runtime reported an error: " + result.body());
            }
            return result;
        }

        InvocationResult searchAnswering(String q, int status) {
            return answering(HttpApiEvents.search(q), q, status);
        }

        InvocationResult answering(String event, String what, int status) {
            InvocationResult result = invoke(event);
            assertThat(result.proxyResponse().statusCode()).as(candidate.key() + " answer to " + what).isEqualTo(status);
            return result;
        }

        @Override
        public void close() {
            function.close();
            api.close();
        }
    }

    Candidate ours;
    Candidate oursPrimed;
    Candidate oursAllOn;
    Candidate aot;
    Candidate aotUntimed;
    Candidate baseline;
    Candidate floor;
    Candidate floorPrimed;
    final Report report = new Report();
    final Map<String, Samples> samples = new LinkedHashMap<>();
    final CorpusScale corpusScale = new CorpusScale(this);

    @Test
    void measureAgainstPlainJavaBaseline() throws Exception {
        ours = Candidate.managed("ours", functionZip, FunctionLauncher.HANDLER, Map.of(), oursJvmOptions);
        // The runtime client then runs the beforeCheckpoint hooks (the priming) and afterRestore, as on SnapStart.
        oursPrimed = Candidate.managed("ours-snapstart", functionZip, FunctionLauncher.HANDLER,
                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"), oursJvmOptions);
        // Every feature on at init: the cold starts give it a feed source beside the two APIs (the breakers, the page
        // and /openapi always are on).
        oursAllOn = Candidate.managed("ours-all-on", functionZip, FunctionLauncher.HANDLER, Map.of(), oursJvmOptions);
        baseline = Candidate.managed("baseline", BaselinePackage.build(OUT.resolve("baseline.zip")), BaselinePackage.HANDLER,
                Map.of(), baselineJvmOptions);
        aot = aotPackage();
        // The same package unpacked by a tool that keeps no file times: its bootstrap first copies app/ to the
        // instance's /tmp with the training time restored, which every cold start of such an instance pays.
        aotUntimed = aot == null ? null
                : new Candidate("aot-untimed", aot.zip(), aot.handler(), aot.environment(), aot.jvmOptions(), true, false);
        // Only the cold starts and the warm run measure the floor: a run of other sections does not build it.
        if (sections.contains("cold") || sections.contains("warm")) {
            Path floorPackage = floorZip.isBlank()
                    ? FloorPackage.build(OUT.resolve("floor"), OUT.resolve("logs").resolve("floor-build.log"))
                    : Path.of(floorZip);
            floor = Candidate.managed("floor", floorPackage, FloorPackage.HANDLER, Map.of(), oursJvmOptions);
            floorPrimed = Candidate.managed("floor-snapstart", floorPackage, FloorPackage.HANDLER,
                    Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"), oursJvmOptions);
        }
        describeRun();
        try {
            if (sections.contains("cold")) {
                coldStarts();
            }
            if (sections.contains("coldtls")) {
                coldStartsOverTls();
            }
            if (sections.contains("warm")) {
                warmRun();
                warmComparison();
            }
            if (sections.contains("fanout")) {
                fanOut();
            }
            if (sections.contains("tls")) {
                tlsConnectionReuse();
            }
            if (sections.contains("features")) {
                warmFeatures();
            }
            if (sections.contains("corpus")) {
                corpusScale.corpus();
            }
            if (sections.contains("scale")) {
                corpusScale.scale();
            }
        } finally {
            // What was measured before a failure is still worth reading.
            packageSizes();
            report.write(OUT);
        }
    }

    private void describeRun() throws IOException {
        report.context("**Run** " + LocalDate.now() + " on " + Runtime.getRuntime().availableProcessors() + " cores (shared), "
                + jdk() + "; every function under AWS's runtime interface client 2.9.0 with the java17 runtime's JVM options, "
                + memoryMb + " MB (heap 85 %, JVM sized as if the machine had " + memoryMb + " MB)");
        report.context("**Stand-ins** loopback, answer in one write on TCP_NODELAY sockets after a fixed delay D: "
                + WARM_DELAY.toMillis() + " ms for cold starts and the warm run, " + FAN_OUT_DELAY.toMillis() + " ms for fan-out");
        report.context("**Cold starts** " + coldStarts + " fresh JVMs each, alternating; **warm run** " + WARM_UP
                + " invocations discarded, then " + warmInvocations + " measured, one at a time, the functions taking turns");
        if (floor != null) {
            report.context("**Quarkus floor** Quarkus " + FloorPackage.quarkusVersion() + " with podcast-search's extensions and"
                    + " one resource answering a fixed JSON document, built by the benchmark (" + floor.zip() + "); it calls no"
                    + " source, so its overhead is its whole run time, and it has no fan-out, fail-fast or TLS rows");
        }
        if (sections.contains("corpus") || sections.contains("scale")) {
            report.context(corpusScale.describe());
        }
        if (!oursJvmOptions.isEmpty()) {
            report.context("**Extra JVM options for podcast-search** " + String.join(" ", oursJvmOptions));
        }
        if (!baselineJvmOptions.isEmpty()) {
            report.context("**Extra JVM options for the baseline** " + String.join(" ", baselineJvmOptions));
        }
        report.context("**Init with every feature on** podcast-search with a feed source beside the two APIs (its first"
                + " search fetches the feed, so only its init is reported)");
        report.context(aot == null
                ? "**AOT package** none: no JDK 25 at " + aotJavaHome + " (-Daot.javaHome), so its column is empty"
                : "**AOT package** " + aot.zip() + " on a custom runtime, started by its own bootstrap (bundled JDK 25, AOT"
                        + " cache demanded with -XX:AOTMode=on, so that every figure is with the cache); in the cold starts also"
                        + " unpacked without file times (aot-untimed), as a tool that keeps none would");
        for (Candidate other : compared) {
            report.context("**Compared in the cold starts and the warm run** " + other.key() + ": " + other.zip());
        }
    }

    /** function-aot.zip as the aot profile builds it, built here if missing or stale; null without a JDK 25. */
    private Candidate aotPackage() throws Exception {
        if (!Files.isExecutable(Path.of(aotJavaHome, "bin", "jlink"))) {
            return null;
        }
        if (!Files.isRegularFile(aotZip) || Files.getLastModifiedTime(aotZip).compareTo(Files.getLastModifiedTime(functionZip)) < 0) {
            AotPackage.build(functionZip, aotJavaHome, Path.of("src", "main", "aot", "bootstrap"), OUT.resolve("aot"), aotZip);
        }
        // The bootstrap's own cache option, demanded through JAVA_TOOL_OPTIONS so that the JVM stops rather than run
        // without its cache; a relative -XX:AOTCache would not be found from the bootstrap's copy in /tmp.
        return new Candidate("aot", aotZip, FunctionLauncher.HANDLER, Map.of(), List.of("-XX:AOTMode=on"), true, true);
    }

    // 1 and 2: init, and the first invocation after it.
    private void coldStarts() throws Exception {
        List<Candidate> candidates = new ArrayList<>(List.of(ours, oursPrimed, oursAllOn, floor, floorPrimed, baseline));
        if (aot != null) {
            candidates.add(aot);
            candidates.add(aotUntimed);
        }
        candidates.addAll(compared);
        candidates.addAll(comparedPrimed);
        candidates.removeIf(candidate -> !coldCandidates.isEmpty() && !coldCandidates.contains(candidate.key()));
        try (BenchUpstreams upstreams = BenchUpstreams.start(2).answerAfter(WARM_DELAY);
                ScriptedUpstream feed = ScriptedUpstream.start()) {
            feed.answer(Reply.feed(SampleFeed.text(), "\"bench\"", null));
            for (int round = 0; round < coldStarts; round++) {
                for (Candidate candidate : candidates) {
                    Map<String, String> environment = new LinkedHashMap<>(upstreams.environment());
                    if (candidate == oursAllOn) {
                        environment.put("SEARCH_SOURCES_REALPYTHON_FEED_URL", feed.baseUrl() + "/feed");
                        // The sample names its transcripts at the podcast's own site, which is never asked.
                        environment.put("SEARCH_TRANSCRIPTS_PER_REFRESH", "0");
                    }
                    try (Running running = launch(candidate, environment, List.of(), "cold")) {
                        Duration init = running.function().awaitFirstPoll(Duration.ofSeconds(90));
                        long pid = running.function().pid();
                        double initCpu = ProcessStats.cpuMillis(pid);
                        samples("init " + candidate.key()).addNanos(init.toNanos());
                        samples("init cpu " + candidate.key()).add(initCpu);
                        InvocationResult first = running.searchAnswering("pydantic", 200);
                        samples("first " + candidate.key()).addNanos(first.runTime().toNanos());
                        samples("first cpu " + candidate.key()).add(ProcessStats.cpuMillis(pid) - initCpu);
                        if (candidate == ours || candidate == oursPrimed) {
                            // The runtime client reads an app's client context with a serializer that no invocation
                            // before has needed; the search after it is the same search without one.
                            InvocationResult app = running.invokeFromApp(HttpApiEvents.search("pydantic"));
                            assertThat(app.proxyResponse().statusCode()).as(candidate.key() + " answer to an app").isEqualTo(200);
                            samples("app " + candidate.key()).addNanos(app.runTime().toNanos());
                            samples("after app " + candidate.key()).addNanos(running.searchAnswering("pydantic", 200)
                                    .runTime().toNanos());
                        }
                    }
                }
            }
        }
    }

    // 2 again, with the sources on HTTPS as the live ones are: the first invocation also pays for TLS.
    private void coldStartsOverTls() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(OUT.resolve("tls"), javaHome);
        try (BenchUpstreams upstreams = BenchUpstreams.startTls(2, tls.serverContext()).answerAfter(WARM_DELAY)) {
            for (int round = 0; round < coldStarts; round++) {
                for (Candidate candidate : List.of(oursPrimed, baseline)) {
                    try (Running running = launch(candidate, upstreams.environment(), tls.trustStoreOptions(), "cold-tls")) {
                        running.function().awaitFirstPoll(Duration.ofSeconds(90));
                        InvocationResult first = running.searchAnswering("pydantic", 200);
                        samples("first tls " + candidate.key()).addNanos(first.runTime().toNanos());
                    }
                }
            }
        }
    }

    /** The builds of {@code bench.comparePackages}, each run with the handler it has. */
    private static List<Candidate> compared(String property) {
        List<Candidate> candidates = new ArrayList<>();
        for (String entry : words(property.replace(',', ' '))) {
            String[] labelAndZip = entry.split("=", 2);
            Path zip = Path.of(labelAndZip[1]);
            candidates.add(Candidate.managed(labelAndZip[0], zip, handlerIn(zip), Map.of(), List.of()));
        }
        return candidates;
    }

    /** Builds from before the Lambda front had Quarkus's own handler. */
    private static String handlerIn(Path zip) {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            return archive.getEntry("dev/podcastsearch/lambda/LambdaFront.class") != null ? FunctionLauncher.HANDLER
                    : FunctionLauncher.QUARKUS_HANDLER;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + zip, e);
        }
    }

    /** The warm overhead of each compared build, in the same alternation as this one and the baseline. */
    private void warmComparison() throws Exception {
        if (compared.isEmpty()) {
            return;
        }
        List<BenchUpstreams> upstreams = new ArrayList<>();
        List<Running> runnings = new ArrayList<>();
        try {
            for (Candidate candidate : Stream.concat(Stream.of(ours), compared.stream()).toList()) {
                BenchUpstreams sources = BenchUpstreams.start(2).answerAfter(WARM_DELAY);
                upstreams.add(sources);
                runnings.add(launch(candidate, sources.environment(), List.of(), "compare"));
            }
            for (Running running : runnings) {
                running.function().awaitFirstPoll(Duration.ofSeconds(90));
                for (int i = 0; i < WARM_UP; i++) {
                    running.searchAnswering("pydantic", 200);
                }
            }
            for (int i = 0; i < warmInvocations; i++) {
                for (int k = 0; k < runnings.size(); k++) {
                    Running running = runnings.get((i + k) % runnings.size());
                    InvocationResult result = running.searchAnswering("pydantic", 200);
                    samples("compare overhead " + running.candidate().key()).addNanos(result.runTime().minus(WARM_DELAY).toNanos());
                }
            }
        } finally {
            runnings.forEach(Running::close);
            for (BenchUpstreams sources : upstreams) {
                sources.close();
            }
        }
    }

    // 3, 5, 6 and connection reuse over plain HTTP, in one JVM each; the floor calls no source, so its D is 0.
    private void warmRun() throws Exception {
        try (BenchUpstreams oursUpstreams = BenchUpstreams.start(2).answerAfter(WARM_DELAY);
                BenchUpstreams baselineUpstreams = BenchUpstreams.start(2).answerAfter(WARM_DELAY);
                BenchUpstreams aotUpstreams = BenchUpstreams.start(2).answerAfter(WARM_DELAY);
                Running oursRunning = launch(ours, oursUpstreams.environment(), List.of(), "warm");
                Running floorRunning = launch(floor, Map.of(), List.of(), "warm");
                Running baselineRunning = launch(baseline, baselineUpstreams.environment(), List.of(), "warm");
                Running aotRunning = aot == null ? null : launch(aot, aotUpstreams.environment(), List.of(), "warm")) {
            List<Running> all = Stream.of(oursRunning, floorRunning, baselineRunning, aotRunning).filter(Objects::nonNull).toList();
            for (Running running : all) {
                running.function().awaitFirstPoll(Duration.ofSeconds(90));
            }
            for (int i = 0; i < WARM_UP; i++) {
                for (Running running : all) {
                    running.searchAnswering("pydantic", 200);
                }
            }
            int oursConnections = oursUpstreams.connectionsAccepted();
            int baselineConnections = baselineUpstreams.connectionsAccepted();
            Map<Running, Double> cpuBefore = new LinkedHashMap<>();
            for (Running running : all) {
                cpuBefore.put(running, ProcessStats.cpuMillis(running.function().pid()));
            }
            for (int i = 0; i < warmInvocations; i++) {
                for (int k = 0; k < all.size(); k++) {
                    Running running = all.get((i + k) % all.size());
                    InvocationResult result = running.searchAnswering("pydantic", 200);
                    Duration delay = running == floorRunning ? Duration.ZERO : WARM_DELAY;
                    samples("warm " + running.candidate().key()).addNanos(result.runTime().toNanos());
                    samples("overhead " + running.candidate().key()).addNanos(result.runTime().minus(delay).toNanos());
                }
            }
            for (Running running : all) {
                samples("warm cpu " + running.candidate().key())
                        .add((ProcessStats.cpuMillis(running.function().pid()) - cpuBefore.get(running)) / warmInvocations);
            }
            samples("connections per 100 ours").add((oursUpstreams.connectionsAccepted() - oursConnections) * 100.0 / warmInvocations);
            samples("connections per 100 baseline")
                    .add((baselineUpstreams.connectionsAccepted() - baselineConnections) * 100.0 / warmInvocations);

            for (Running running : all) {
                long pid = running.function().pid();
                samples("peak rss " + running.candidate().key()).add(ProcessStats.peakRssKb(pid) / 1024.0);
                // jcmd of the JDK the function runs on: the AOT package's own jlinked runtime has none.
                Path jdk = running.candidate().customRuntime() ? Path.of(aotJavaHome) : javaHome;
                ProcessStats.Heap heap = ProcessStats.afterFullGc(jdk, pid);
                samples("heap " + running.candidate().key()).add(heap.liveKb() / 1024.0);
                // JDK 25's heap_info no longer reports the metaspace: left empty for the AOT package.
                if (heap.metaspaceKb() > 0) {
                    samples("metaspace " + running.candidate().key()).add(heap.metaspaceKb() / 1024.0);
                }
            }
            failFast(oursRunning, oursUpstreams);
            failFast(baselineRunning, baselineUpstreams);
        }
    }

    // 5: the source at index 1 fails after FAILURE_AFTER; the one at index 0 would answer after SLOW_SIBLING.
    private void failFast(Running running, BenchUpstreams upstreams) throws Exception {
        String key = running.candidate().key();
        int notClosed = 0;
        for (int round = 0; round < FAIL_FAST_ROUNDS; round++) {
            AtomicLong failureSent = new AtomicLong();
            upstreams.get(0).answer(BenchUpstreams.sample(0).after(SLOW_SIBLING));
            upstreams.get(1).answer(exchange -> {
                if (exchange.await(FAILURE_AFTER)) {
                    FAILURE.write(exchange);
                    failureSent.set(System.nanoTime());
                }
            });
            InvocationResult result = running.searchAnswering("fail fast", 502);
            samples("failure to answer " + key).addNanos(result.answeredNanos() - failureSent.get());
            long closed = upstreams.get(0).awaitClientClose(SLOW_SIBLING.plusMillis(500));
            if (closed > 0) {
                samples("failure to sibling closed " + key).addNanos(closed - failureSent.get());
            } else {
                notClosed++;
            }
        }
        samples("sibling never closed " + key).add(notClosed);
        upstreams.answerAfter(WARM_DELAY);
    }

    // 4: total latency over D with 2 to 16 sources of equal delay D, added by environment variables only.
    private void fanOut() throws Exception {
        for (int sources : FAN_OUT_SOURCES) {
            try (BenchUpstreams oursUpstreams = BenchUpstreams.start(sources).answerAfter(FAN_OUT_DELAY);
                    BenchUpstreams baselineUpstreams = BenchUpstreams.start(sources).answerAfter(FAN_OUT_DELAY);
                    Running oursRunning = launch(ours, oursUpstreams.environment(), List.of(), "fanout-" + sources);
                    Running baselineRunning = launch(baseline, baselineUpstreams.environment(), List.of(), "fanout-" + sources)) {
                oursRunning.function().awaitFirstPoll(Duration.ofSeconds(90));
                baselineRunning.function().awaitFirstPoll(Duration.ofSeconds(90));
                for (int i = 0; i < WARM_UP; i++) {
                    oursRunning.searchAnswering("pydantic", 200);
                    baselineRunning.searchAnswering("pydantic", 200);
                }
                for (int i = 0; i < FAN_OUT_INVOCATIONS; i++) {
                    List<Running> order = i % 2 == 0 ? List.of(oursRunning, baselineRunning) : List.of(baselineRunning, oursRunning);
                    for (Running running : order) {
                        InvocationResult result = running.searchAnswering("pydantic", 200);
                        assertThat(result.proxyResponse().json().get("sources").size()).isEqualTo(sources);
                        samples("fanout " + sources + " " + running.candidate().key())
                                .add((double) result.runTime().toNanos() / FAN_OUT_DELAY.toNanos());
                    }
                }
            }
        }
    }

    // 7: against TLS stand-ins the functions trust through the JVM's default trust store.
    private void tlsConnectionReuse() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(OUT.resolve("tls"), javaHome);
        try (BenchUpstreams oursUpstreams = BenchUpstreams.startTls(2, tls.serverContext()).answerAfter(Duration.ZERO);
                BenchUpstreams baselineUpstreams = BenchUpstreams.startTls(2, tls.serverContext()).answerAfter(Duration.ZERO);
                Running oursRunning = launch(ours, oursUpstreams.environment(), tls.trustStoreOptions(), "tls");
                Running baselineRunning = launch(baseline, baselineUpstreams.environment(), tls.trustStoreOptions(), "tls")) {
            for (Running running : List.of(oursRunning, baselineRunning)) {
                running.function().awaitFirstPoll(Duration.ofSeconds(90));
                for (int i = 0; i < WARM_UP / 5; i++) {
                    running.searchAnswering("pydantic", 200);
                }
            }
            Map<Running, BenchUpstreams> upstreams = Map.of(oursRunning, oursUpstreams, baselineRunning, baselineUpstreams);
            for (Running running : List.of(oursRunning, baselineRunning)) {
                BenchUpstreams stands = upstreams.get(running);
                int connections = stands.connectionsAccepted();
                int handshakes = stands.tlsHandshakes();
                for (int i = 0; i < TLS_INVOCATIONS; i++) {
                    InvocationResult result = running.searchAnswering("pydantic", 200);
                    samples("tls warm " + running.candidate().key()).addNanos(result.runTime().toNanos());
                }
                // Handshake listeners run on their own threads; give the last ones a moment.
                TimeUnit.MILLISECONDS.sleep(200);
                String key = running.candidate().key();
                samples("tls connections " + key).add((stands.connectionsAccepted() - connections) * 100.0 / TLS_INVOCATIONS);
                samples("tls handshakes " + key).add((stands.tlsHandshakes() - handshakes) * 100.0 / TLS_INVOCATIONS);
            }
        }
    }

    /**
     * What each feature added since the 2026-11-28 table costs a warm search, against a plain group search in the same
     * turns: a partial-mode search, a partial search with one source suspended (in a second JVM, where Python Bytes is
     * suspended for the whole run after two failures), a search over the two API sources and the sample feed (a third
     * JVM; the feed is fetched once, in the warm-up, then searched from its copy: the sample's 4 episodes, all found for
     * "python"), the feed of that search ({@code GET /search.rss}, in the same JVM, so that the feed gives it items),
     * the page and {@code /openapi}. The page searches the sources as the API does; {@code /openapi} calls none, so its
     * overhead is its whole run time. A fourth and a fifth JVM search {@link TranscribedFeed} alone ({@code sources=}
     * the feed, so no API is waited for and the run time is all the search's): the fourth with transcripts off (the
     * episodes' index, as before moments), the fifth with every transcript fetched and indexed in the warm-up.
     *
     * <p>
     * Each JVM serves the same number of requests, in the same alternation: the first JVM serves its four kinds in turn,
     * the third its two, and the others their one kind every time, so that none of them is less warm than another.
     */
    private void warmFeatures() throws Exception {
        try (BenchUpstreams plainUpstreams = BenchUpstreams.start(2).answerAfter(WARM_DELAY);
                BenchUpstreams suspendedUpstreams = BenchUpstreams.start(2).answerAfter(WARM_DELAY);
                BenchUpstreams feedUpstreams = BenchUpstreams.start(2).answerAfter(WARM_DELAY);
                // Never asked (the searches name the feed alone), but configured, so that no live API is ever named.
                BenchUpstreams transcribedUpstreams = BenchUpstreams.start(2).answerAfter(WARM_DELAY);
                ScriptedUpstream feed = ScriptedUpstream.start();
                ScriptedUpstream transcribed = ScriptedUpstream.start()) {
            feed.answer(Reply.feed(SampleFeed.text(), "\"bench\"", null));
            TranscribedFeed.serve(transcribed);
            Map<String, String> withFeed = new LinkedHashMap<>(feedUpstreams.environment());
            withFeed.put("SEARCH_SOURCES_REALPYTHON_FEED_URL", feed.baseUrl() + "/feed");
            withFeed.put("SEARCH_TRANSCRIPTS_PER_REFRESH", "0");
            Map<String, String> suspending = new LinkedHashMap<>(suspendedUpstreams.environment());
            // Python Bytes alone is judged on its last 2 calls, and once suspended it is left alone for the whole run.
            suspending.put("SEARCH_SOURCES_PYTHONBYTES_SUSPENSION_WINDOW", "2");
            suspending.put("SEARCH_SOURCES_PYTHONBYTES_SUSPENSION_DELAY", "1h");
            suspendedUpstreams.get(1).answer(FAILURE);
            Map<String, String> episodesOnly = new LinkedHashMap<>(transcribedUpstreams.environment());
            episodesOnly.put("SEARCH_SOURCES_REALPYTHON_FEED_URL", transcribed.baseUrl() + "/feed");
            episodesOnly.put("SEARCH_TRANSCRIPTS_PER_REFRESH", "0");
            Map<String, String> withTranscripts = new LinkedHashMap<>(episodesOnly);
            withTranscripts.put("SEARCH_TRANSCRIPTS_PER_REFRESH", Integer.toString(TranscribedFeed.EPISODES));
            try (Running plain = launch(ours, plainUpstreams.environment(), List.of(), "features");
                    Running suspended = launch(ours, suspending, List.of(), "features-suspended");
                    Running withFeedRunning = launch(ours, withFeed, List.of(), "features-feed");
                    Running episodesOnlyRunning = launch(ours, episodesOnly, List.of(), "features-episodes-only");
                    Running transcriptsRunning = launch(ours, withTranscripts, List.of(), "features-transcripts")) {
                String partialSearch = HttpApiEvents.search(Map.of("q", "python", "partial", "true"));
                String feedAlone = HttpApiEvents.search(Map.of("q", "python", "sources", "realpython"));
                List<Feature> plainKinds = List.of(
                        new Feature("plain", plain, () -> HttpApiEvents.search("python"), WARM_DELAY),
                        new Feature("partial", plain, () -> partialSearch, WARM_DELAY),
                        new Feature("page", plain, () -> HttpApiEvents.get("$default", "/", "q=python", "text/html"), WARM_DELAY),
                        new Feature("openapi", plain, () -> HttpApiEvents.get("$default", "/openapi", "", "application/yaml"),
                                Duration.ZERO));
                Feature suspendedKind = new Feature("suspended", suspended, () -> partialSearch, WARM_DELAY);
                List<Feature> feedKinds = List.of(
                        new Feature("feed", withFeedRunning, () -> HttpApiEvents.search("python"), WARM_DELAY),
                        new Feature("rss", withFeedRunning,
                                () -> HttpApiEvents.get("$default", "/search.rss", "q=python", "application/rss+xml"), WARM_DELAY));
                Feature episodesOnlyKind = new Feature("episodes only", episodesOnlyRunning, () -> feedAlone, Duration.ZERO);
                Feature transcriptsKind = new Feature("transcripts", transcriptsRunning, () -> feedAlone, Duration.ZERO);
                List<Feature> turn = new ArrayList<>();
                for (int k = 0; k < plainKinds.size(); k++) {
                    turn.addAll(List.of(plainKinds.get(k), suspendedKind, feedKinds.get(k % feedKinds.size()), episodesOnlyKind,
                            transcriptsKind));
                }
                int jvms = turn.size() / plainKinds.size();
                for (Running running : List.of(plain, suspended, withFeedRunning, episodesOnlyRunning, transcriptsRunning)) {
                    running.function().awaitFirstPoll(Duration.ofSeconds(90));
                }
                // The first search fetches the feed; its transcripts are fetched after it, in the background: the moment
                // search below waits until every file's last cue is found.
                transcriptsKind.invoke();
                String lastCues = HttpApiEvents.search(Map.of("q", TranscribedFeed.LAST_WORD, "category", "transcript",
                        "sources", "realpython"));
                long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
                while (transcriptsRunning.answering(lastCues, "the last cues", 200).proxyResponse().json().get("total").asInt()
                        < TranscribedFeed.EPISODES) {
                    assertThat(System.nanoTime()).as("every transcript indexed within 2 minutes").isLessThan(deadline);
                    TimeUnit.MILLISECONDS.sleep(200);
                }
                // A turn is four requests to each JVM: as many warm-up requests as the other sections.
                for (int i = 0; i < WARM_UP / 4; i++) {
                    turn.forEach(Feature::invoke);
                }
                assertThat(suspendedKind.invoke().proxyResponse().json().get("sources").toString())
                        .as("Python Bytes is suspended").contains("\"suspended\"");
                assertThat(feedKinds.get(1).invoke().proxyResponse().decodedBody()).as("the feed of a search has items")
                        .contains("<item>");
                for (int i = 0; i < featureInvocations; i++) {
                    // Each turn starts one kind further on, so that no kind always follows the same one.
                    for (int k = 0; k < turn.size(); k++) {
                        Feature feature = turn.get((i * jvms + k) % turn.size());
                        samples("feature " + feature.label()).addNanos(feature.invoke().runTime().minus(feature.delay()).toNanos());
                    }
                }
                assertThat(feed.requests()).as("the feed was fetched once and then searched from its copy").hasSize(1);
                assertThat(transcribed.requests()).as("each JVM fetched its feed once, the second each transcript once")
                        .hasSize(2 + TranscribedFeed.EPISODES);
            }
        }
    }

    /** One kind of warm request in {@link #warmFeatures}: which JVM answers it, and the source delay it waits for. */
    record Feature(String label, Running running, Supplier<String> event, Duration delay) {

        InvocationResult invoke() {
            return running.answering(event.get(), label, 200);
        }
    }

    private void packageSizes() throws IOException {
        samples("size ours").add(Files.size(ours.zip()) / 1_048_576.0);
        samples("size baseline").add(Files.size(baseline.zip()) / 1_048_576.0);
        if (aot != null) {
            samples("size aot").add(Files.size(aot.zip()) / 1_048_576.0);
        }
        if (floor != null) {
            samples("size floor").add(Files.size(floor.zip()) / 1_048_576.0);
        }
        buildRows();
    }

    private void buildRows() {
        double none = Double.NaN;
        if (sections.contains("cold")) {
            double initOurs = median("init ours");
            double initFloor = median("init floor");
            double initBaseline = median("init baseline");
            double initAot = median("init aot");
            report.row("Init: JVM launch → first poll (median of " + coldStarts + "; AOT package: bootstrap → first poll)",
                    initOurs, initFloor, initBaseline, initAot, "ms", "≤ 1.1× floor, ≤ 2.5× plain",
                    initOurs <= 1.1 * initFloor && initOurs <= 2.5 * initBaseline, "≤ 1.3× plain", aotMet(initAot <= 1.3 * initBaseline));
            report.row("Init: CPU time (user + system) at the first poll (median)", median("init cpu ours"),
                    median("init cpu floor"), median("init cpu baseline"), median("init cpu aot"), "ms", "", null, "", null);
            double initAotUntimed = median("init aot-untimed");
            report.row("Init, AOT package unpacked without file times (its bootstrap copies app/ to /tmp first; median)",
                    Double.NaN, Double.NaN, initBaseline, initAotUntimed, "ms", "", null, "≤ 1.3× plain",
                    aotMet(initAotUntimed <= 1.3 * initBaseline));
            report.row("Init, AOT package unpacked without file times: CPU time at the first poll (median)", Double.NaN,
                    Double.NaN, median("init cpu baseline"), median("init cpu aot-untimed"), "ms", "", null, "", null);
            report.row("Init with every feature on (a feed source beside the two APIs)", median("init ours-all-on"), initFloor,
                    initBaseline, "ms", "≤ 1.1× floor, ≤ 2.5× plain",
                    median("init ours-all-on") <= 1.1 * initFloor && median("init ours-all-on") <= 2.5 * initBaseline);
            report.row("Init with SnapStart hooks (ours: our priming in beforeCheckpoint; floor: Quarkus's own)",
                    median("init ours-snapstart"), median("init floor-snapstart"), none, "ms");
            double firstAot = median("first aot");
            report.row("First invocation after init, no priming (median)", median("first ours"), median("first floor"),
                    median("first baseline"), firstAot, "ms", "", null, "≤ plain", aotMet(firstAot <= median("first baseline")));
            report.row("First invocation after init, no priming: CPU time (median)", median("first cpu ours"),
                    median("first cpu floor"), median("first cpu baseline"), median("first cpu aot"), "ms", "", null, "", null);
            for (Candidate other : compared) {
                report.row("Init, this build − " + other.key() + " (same run, alternating; this build "
                        + Report.format(initOurs) + " ms, " + other.key() + " " + Report.format(median("init " + other.key()))
                        + " ms)", initOurs - median("init " + other.key()), none, none, "ms");
                report.row("First invocation after init, this build − " + other.key(),
                        median("first ours") - median("first " + other.key()), none, none, "ms");
            }
        }
        double warmOurs = median("warm ours");
        if (sections.contains("cold")) {
            double primed = median("first ours-snapstart");
            Boolean met = sections.contains("warm") ? primed <= 2 * warmOurs : null;
            report.row("First invocation after SnapStart hooks (median; plain Java: unprimed)", primed,
                    median("first floor-snapstart"), median("first baseline"), "ms",
                    "≤ 2× own warm p50 (" + Report.format(2 * warmOurs) + " ms)", met);
            for (Candidate other : comparedPrimed) {
                double theirs = median("first " + other.key());
                report.row("First invocation after SnapStart hooks, this build − " + other.key() + " (same run, alternating;"
                        + " this build " + Report.format(primed) + " ms, " + other.key() + " " + Report.format(theirs) + " ms)",
                        primed - theirs, none, none, "ms");
            }
            for (Candidate candidate : List.of(oursPrimed, ours)) {
                double app = median("app " + candidate.key());
                double after = median("after app " + candidate.key());
                report.row("The second invocation, an app's (client context and Cognito identity), "
                        + (candidate == ours ? "no priming" : "after SnapStart hooks") + " (median; the plain search after it "
                        + Report.format(after) + " ms, difference " + Report.format(app - after) + " ms)", app, none, none, "ms");
            }
        }
        if (sections.contains("coldtls")) {
            double primed = median("first tls ours-snapstart");
            Boolean met = sections.contains("warm") ? primed <= 2 * warmOurs : null;
            report.row("First invocation after SnapStart hooks, sources on HTTPS (median of " + coldStarts + ")", primed, none,
                    median("first tls baseline"), "ms", "≤ 2× own warm p50 (" + Report.format(2 * warmOurs) + " ms)", met);
        }
        if (sections.contains("warm")) {
            // The floor waits for no source: its latency is its overhead, in the next row.
            report.row("Warm latency p50 (D = " + WARM_DELAY.toMillis() + " ms)", warmOurs, none, median("warm baseline"), "ms");
            double p50 = median("overhead ours");
            double p50Baseline = median("overhead baseline");
            double p50Aot = median("overhead aot");
            report.row("Warm overhead p50 (latency − D, " + warmInvocations + " invocations)", p50, median("overhead floor"),
                    p50Baseline, p50Aot, "ms", "≤ baseline + 1 ms", p50 <= p50Baseline + 1, "≤ podcast-search's", aotMet(p50Aot <= p50));
            if (sections.contains("cold")) {
                // The same first invocation as above, less the sources' delay: beside the warm overhead, what a restored
                // instance's first caller still waits for the function's own work.
                double primed = median("first ours-snapstart") - WARM_DELAY.toMillis();
                report.row("First invocation after SnapStart hooks: overhead (latency − D; plain Java: unprimed)", primed,
                        median("first floor-snapstart"), median("first baseline") - WARM_DELAY.toMillis(), "ms",
                        "≤ 2× own warm overhead p50 (" + Report.format(2 * p50) + " ms)", primed <= 2 * p50);
            }
            double p99 = samples("overhead ours").percentile(99);
            double p99Baseline = samples("overhead baseline").percentile(99);
            report.row("Warm overhead p99", p99, samples("overhead floor").percentile(99), p99Baseline,
                    samples("overhead aot").percentile(99), "ms", "≤ baseline + 5 ms", p99 <= p99Baseline + 5, "", null);
            report.row("CPU time per warm invocation (mean)", median("warm cpu ours"), median("warm cpu floor"),
                    median("warm cpu baseline"), median("warm cpu aot"), "ms", "", null, "", null);
            for (Candidate other : compared) {
                double oursAgain = median("compare overhead ours");
                double theirs = median("compare overhead " + other.key());
                report.row("Warm overhead p50, this build − " + other.key() + " (same run, alternating; this build "
                        + Report.format(oursAgain) + " ms, " + other.key() + " " + Report.format(theirs) + " ms)",
                        oursAgain - theirs, none, none, "ms");
            }
        }
        if (sections.contains("features")) {
            double plain = median("feature plain");
            report.row("Warm overhead p50: plain group search, the reference for the features below (" + featureInvocations
                    + " turns)", plain, none, none, "ms");
            Map<String, String> features = new LinkedHashMap<>();
            features.put("partial", "partial-mode search (partial=true), both sources answering");
            features.put("suspended", "partial-mode search, one of the two sources suspended");
            features.put("feed", "2 API sources + 1 cached feed");
            features.put("rss", "the feed of that search, GET /search.rss?q=python (same JVM and sources as the row above)");
            features.put("page", "the page, GET /?q=python");
            features.put("openapi", "GET /openapi (calls no source: its whole run time)");
            String target = "≤ plain + 0.5 ms (" + Report.format(plain + 0.5) + " ms)";
            features.forEach((label, description) -> {
                double p50 = median("feature " + label);
                report.row("Warm overhead p50: " + description, p50, none, none, "ms", target, p50 <= plain + 0.5);
            });
            double episodes = median("feature episodes only");
            report.row("Warm run time p50: a search of the generated feed alone (" + TranscribedFeed.EPISODES
                    + " episodes, sources=realpython), transcripts off: the episodes' index", episodes, none, none, "ms");
            double transcripts = median("feature transcripts");
            report.row("Warm run time p50: the same search with its " + TranscribedFeed.EPISODES + " transcripts of "
                    + TranscribedFeed.WORDS + " words indexed (" + Report.format(transcripts - episodes) + " ms, "
                    + Report.format(transcripts / episodes) + "× transcripts off)", transcripts, none, none, "ms");
        }
        if (sections.contains("fanout")) {
            for (int sources : FAN_OUT_SOURCES) {
                double ratio = median("fanout " + sources + " ours");
                double baselineRatio = median("fanout " + sources + " baseline");
                report.row("Fan-out " + sources + " sources: latency / D (D = " + FAN_OUT_DELAY.toMillis() + " ms, median of "
                        + FAN_OUT_INVOCATIONS + ")", ratio, none, baselineRatio, "", "≤ 1.05× plain's",
                        ratio <= 1.05 * baselineRatio);
            }
        }
        if (sections.contains("warm")) {
            report.row("Fail fast: first failure → answer (median of " + FAIL_FAST_ROUNDS + ")", median("failure to answer ours"),
                    none, median("failure to answer baseline"), "ms");
            double closed = median("failure to sibling closed ours");
            report.row("Fail fast: first failure → sibling connection closed (median; never closed: "
                    + (int) median("sibling never closed ours") + " / " + (int) median("sibling never closed baseline") + ")",
                    closed, none, median("failure to sibling closed baseline"), "ms", "≤ 5 ms", closed <= 5);
            report.row("Peak RSS (VmHWM) after the warm run", median("peak rss ours"), median("peak rss floor"),
                    median("peak rss baseline"), median("peak rss aot"), "MB", "", null, "", null);
            report.row("Heap after full GC", median("heap ours"), median("heap floor"), median("heap baseline"), median("heap aot"),
                    "MB", "", null, "", null);
            report.row("Metaspace", median("metaspace ours"),
                    median("metaspace floor"), median("metaspace baseline"), median("metaspace aot"), "MB", "", null, "", null);
        }
        report.row("Deployment package (zipped)", median("size ours"), median("size floor"), median("size baseline"),
                median("size aot"), "MB", "", null, "", null);
        if (sections.contains("warm")) {
            double gb = memoryMb / 1024.0;
            report.row("GB-s per million warm searches at " + memoryMb + " MB (billed: median run time, rounded up to 1 ms)",
                    gb * Math.ceil(warmOurs) * 1000, none, gb * Math.ceil(median("warm baseline")) * 1000, "GB-s");
            report.row("… of which the function's own work (overhead p50)", gb * median("overhead ours") * 1000,
                    gb * median("overhead floor") * 1000, gb * median("overhead baseline") * 1000, "GB-s");
            double connections = median("connections per 100 ours");
            report.row("Plain HTTP: connections opened per 100 warm invocations (2 sources)", connections, none,
                    median("connections per 100 baseline"), "", "0 (reused)", connections == 0);
        }
        if (sections.contains("tls")) {
            double handshakes = median("tls handshakes ours");
            report.row("TLS: handshakes per 100 warm invocations (2 sources)", handshakes, none, median("tls handshakes baseline"),
                    "", "0 (reused)", handshakes == 0);
            report.row("TLS: connections opened per 100 warm invocations", median("tls connections ours"), none,
                    median("tls connections baseline"), "");
            report.row("TLS: warm latency p50 (D = 0, loopback)", median("tls warm ours"), none, median("tls warm baseline"), "ms");
        }
        corpusScale.rows(report, sections.contains("corpus"), sections.contains("scale"));
    }

    /** No verdict where the AOT package was not measured. */
    private Boolean aotMet(boolean met) {
        return aot == null ? null : met;
    }

    private Running launch(Candidate candidate, Map<String, String> environment, List<String> jvmOptions, String phase)
            throws IOException {
        return launch(candidate, environment, jvmOptions, phase, memoryMb);
    }

    Running launch(Candidate candidate, Map<String, String> environment, List<String> jvmOptions, String phase,
            int memoryMb) throws IOException {
        LambdaRuntimeApi api = LambdaRuntimeApi.start();
        // Lambda's VM has about the function's memory, and the JVM sizes its initial heap from that.
        List<String> options = new ArrayList<>(List.of("-XX:MaxRAM=" + memoryMb + "m"));
        options.addAll(candidate.jvmOptions());
        options.addAll(jvmOptions);
        FunctionLauncher launcher;
        if (candidate.customRuntime()) {
            // Its bootstrap chooses the JVM and its options; the JVM reads extra ones from JAVA_TOOL_OPTIONS.
            launcher = FunctionLauncher.forCustomRuntime(candidate.zip()).environment("JAVA_TOOL_OPTIONS", String.join(" ", options));
            if (!candidate.keepFileTimes()) {
                launcher.withoutFileTimes();
            }
        } else {
            launcher = FunctionLauncher.forPackage(candidate.zip()).javaHome(javaHome);
            options.forEach(launcher::jvmOption);
        }
        launcher.handler(candidate.handler())
                .memoryMb(memoryMb)
                .environment("SEARCH_TIMEOUT", "5s")
                // The breakers stay on, so that their cost is measured, but the fail-fast rounds' 20 failures in a row
                // stay under half of a 100-call window: the failing source is never suspended mid-measurement.
                .environment("SEARCH_SUSPENSION_WINDOW", "100")
                .environment(environment)
                .environment(candidate.environment())
                .logTo(OUT.resolve("logs").resolve(phase + "-" + candidate.key() + ".log"));
        try {
            return new Running(candidate, api, launcher.launch(api));
        } catch (IOException | RuntimeException e) {
            api.close();
            throw e;
        }
    }

    private static String threadDump(long pid) {
        try {
            Process jstack = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(), Long.toString(pid))
                    .redirectErrorStream(true).start();
            return new String(jstack.getInputStream().readAllBytes());
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        }
    }

    Samples samples(String name) {
        return samples.computeIfAbsent(name, n -> new Samples());
    }

    double median(String name) {
        Samples found = samples.get(name);
        return found == null ? Double.NaN : found.median();
    }

    /** The template's MemorySize default when the deployment template is there, else 1024 MB. */
    private static int templateMemoryMb() {
        Path template = Path.of("deploy", "template.yaml");
        if (Files.isRegularFile(template)) {
            try {
                Matcher memory = Pattern.compile("MemorySize:\\s*\\n(?:\\s+\\w+:.*\\n)*?\\s+Default:\\s*(\\d+)")
                        .matcher(Files.readString(template));
                if (memory.find()) {
                    return Integer.parseInt(memory.group(1));
                }
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + template, e);
            }
        }
        return 1024;
    }

    private String jdk() throws IOException {
        Map<String, String> release = Files.readAllLines(javaHome.resolve("release")).stream()
                .filter(line -> line.contains("="))
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf('=')),
                        line -> line.substring(line.indexOf('=') + 1).replace("\"", ""), (a, b) -> a));
        return "JDK " + release.getOrDefault("JAVA_RUNTIME_VERSION", release.getOrDefault("JAVA_VERSION", "?")) + " ("
                + release.getOrDefault("IMPLEMENTOR", "unknown vendor") + ")";
    }

    private static List<String> words(String text) {
        return text.isBlank() ? List.of() : new ArrayList<>(Arrays.asList(text.trim().split("\\s+")));
    }
}
