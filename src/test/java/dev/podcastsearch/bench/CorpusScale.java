package dev.podcastsearch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.bench.GeneratedCorpus.Traffic;
import dev.podcastsearch.bench.LambdaPerformanceBenchmark.Candidate;
import dev.podcastsearch.bench.LambdaPerformanceBenchmark.Running;
import dev.podcastsearch.support.lambda.FunctionLauncher;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.InvocationResult;
import dev.podcastsearch.support.s3.S3rver;

/**
 * The benchmark's sections on the published index (issue 22) and on what it costs (issue 25), over a
 * {@link GeneratedCorpus}:
 * <ul>
 * <li>{@code corpus}: the packaged ingest builds and publishes the corpus's index to an {@link S3rver} (its time, peak
 * RSS, the object's size and documents); the packaged search function's init with that index loaded from S3 against
 * its init without one, alternating, and the AOT package's likewise; warm searches of a few kinds over the index, p50
 * and p99; the memory it takes; and the first search after the SnapStart hooks with its index check (one conditional
 * GET), against the same search right after it (no check due) and an embedded one's.
 * </li>
 * <li>{@code scale}: the requests each feed's host gets in one refresh cycle, from the real code, embedded (1 and 2
 * instances) and published (the ingest's runs, and each instance's checks of the object), scaled to an hour.</li>
 * </ul>
 * Request counts depend on the number of episodes, not on their length, so {@code scale} serves the same shows and
 * episodes with short transcripts ({@code bench.scaleWords}), which keeps its embedded instances quick.
 */
final class CorpusScale {

    static final String INGEST_HANDLER = "dev.podcastsearch.ingest.IngestFunction::handleRequest";
    static final String BUCKET = "index";
    static final String LOCATION = "s3://" + BUCKET + "/index.zip";
    /** The ingest's invocation may take Lambda's longest: 15 minutes. */
    static final Duration INGEST_TIMEOUT = Duration.ofMinutes(15);
    /** A refresh cycle as deployed: the feeds' and the published index's refresh, and the ingest's schedule. */
    static final Duration CYCLE = Duration.ofMinutes(15);
    static final int CYCLES_PER_HOUR = 4;
    static final int WARM_UP = 50;
    static final List<Integer> INSTANCES = List.of(1, 10, 100);
    private static final Pattern LOADED = Pattern.compile("published index loaded from .*?(\\d+) bytes in (\\d+) ms");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A kind of warm search over the index. */
    record Query(String label, Map<String, String> parameters) {
    }

    private final LambdaPerformanceBenchmark bench;
    private final int shows = Integer.getInteger("bench.corpusShows", GeneratedCorpus.SHOWS);
    private final int episodes = Integer.getInteger("bench.corpusEpisodes", GeneratedCorpus.EPISODES);
    private final int words = Integer.getInteger("bench.corpusWords", GeneratedCorpus.WORDS);
    private final int scaleEpisodes = Integer.getInteger("bench.scaleEpisodes", GeneratedCorpus.EPISODES);
    private final int scaleWords = Integer.getInteger("bench.scaleWords", 300);
    private final int coldStarts = Integer.getInteger("bench.corpusColdStarts", 3);
    private final int searches = Integer.getInteger("bench.corpusSearches", 300);
    /**
     * The memory the corpus's functions run with: 3008 MB unless set, as the ingest of the whole corpus peaks near
     * 1 GB (measured 2026-12-02), over what 1024 MB leaves it.
     */
    private final int memoryMb = Integer.getInteger("bench.corpusMemoryMb", 3008);
    private final List<Query> queries;

    CorpusScale(LambdaPerformanceBenchmark bench) {
        this.bench = bench;
        String all = IntStream.range(0, shows).mapToObj(GeneratedCorpus::sourceId).collect(Collectors.joining(","));
        this.queries = List.of(
                new Query("a topic word, all categories (q=pydantic)", Map.of("q", "pydantic", "sources", all)),
                new Query("a topic word, transcripts (q=pydantic, category=transcript)",
                        Map.of("q", "pydantic", "sources", all, "category", "transcript")),
                new Query("a phrase, transcripts (q=\"you know\", category=transcript)",
                        Map.of("q", "\"you know\"", "sources", all, "category", "transcript")),
                new Query("a rare word, all categories (q=wooden)", Map.of("q", "wooden", "sources", all)));
    }

    String describe() {
        return "**Corpus** " + shows + " shows × " + episodes + " episodes, WebVTT transcripts of about " + words
                + " words and " + GeneratedEpisode.CHAPTERS + " chapters each, served on loopback with ETags; index in s3rver;"
                + " its functions at " + memoryMb + " MB; **scale** " + shows + " shows × " + scaleEpisodes + " episodes with transcripts of " + scaleWords + " words";
    }

    // The corpus: ingest, init with and without the index, warm searches, memory, first search after a restore.
    void corpus() throws Exception {
        try (GeneratedCorpus corpus = GeneratedCorpus.start(shows, episodes, words, GeneratedCorpus.SEED);
                S3rver s3 = S3rver.launch(BUCKET);
                CountingProxy checks = CountingProxy.start(s3.endpoint());
                BenchUpstreams apis = BenchUpstreams.start(2).answerAfter(LambdaPerformanceBenchmark.WARM_DELAY)) {
            JsonNode published = ingest(corpus, s3, apis, "corpus-ingest", true);
            samples("corpus index bytes").add(published.get("bytes").asLong() / 1_048_576.0);
            samples("corpus index documents").add(published.get("documents").asLong());
            Map<String, String> withIndex = publishedEnvironment(corpus, checks, apis);
            Map<String, String> embedded = embeddedEnvironment(corpus, apis);
            inits(withIndex, embedded);
            warm(withIndex);
            restores(withIndex, embedded, checks);
        }
    }

    // Requests to each feed's host: one refresh cycle at a time, embedded and published.
    void scale() throws Exception {
        try (GeneratedCorpus corpus = GeneratedCorpus.start(shows, scaleEpisodes, scaleWords, GeneratedCorpus.SEED);
                S3rver s3 = S3rver.launch(BUCKET);
                CountingProxy checks = CountingProxy.start(s3.endpoint());
                BenchUpstreams apis = BenchUpstreams.start(2).answerAfter(LambdaPerformanceBenchmark.WARM_DELAY)) {
            embeddedCycles(corpus, apis, 1);
            embeddedCycles(corpus, apis, 2);
            publishedCycles(corpus, s3, checks, apis);
        }
    }

    /**
     * Runs the packaged ingest under the runtime client, once, or three times when {@code runs} (the first run, one
     * with nothing changed, one after a new episode of show 0): each run's requests per host go to the samples.
     */
    private JsonNode ingest(GeneratedCorpus corpus, S3rver s3, BenchUpstreams apis, String phase, boolean measured)
            throws Exception {
        Map<String, String> environment = new LinkedHashMap<>(apis.environment());
        environment.putAll(corpus.environment());
        environment.putAll(s3Environment(s3.endpoint().toString()));
        // Both files of every episode in one run, so that the first run takes each show whole.
        environment.put("SEARCH_TRANSCRIPTS_PER_REFRESH", Integer.toString(2 * (corpus.episodes(0) + 1)));
        Candidate ingest = Candidate.managed("ingest", bench.functionZip, INGEST_HANDLER, Map.of(), bench.oursJvmOptions);
        try (Running running = bench.launch(ingest, environment, List.of(), phase, memoryMb)) {
            Duration init = running.function().awaitFirstPoll(Duration.ofSeconds(90));
            corpus.resetTraffic();
            long start = System.nanoTime();
            JsonNode first = ingestRun(running);
            if (measured) {
                samples("corpus ingest init").addNanos(init.toNanos());
                samples("corpus ingest").addNanos(System.nanoTime() - start);
                samples("corpus ingest cpu").add(ProcessStats.cpuMillis(running.function().pid()));
                samples("corpus ingest peak rss").add(ProcessStats.peakRssKb(running.function().pid()) / 1024.0);
                samples("corpus ingest transcripts").add(corpus.traffic().transcripts());
                return first;
            }
            assertThat(corpus.traffic().transcripts()).as("the first run fetches every transcript")
                    .isEqualTo((long) shows * scaleEpisodes);
            perHost(corpus, "published run first");
            corpus.resetTraffic();
            ingestRun(running);
            perHost(corpus, "published run unchanged");
            corpus.newEpisode(0);
            corpus.resetTraffic();
            ingestRun(running);
            samples("published run new episode").add(corpus.traffic(0).requests());
            return first;
        }
    }

    private JsonNode ingestRun(Running running) throws Exception {
        InvocationResult result = running.api().invoke("{}", INGEST_TIMEOUT).await(INGEST_TIMEOUT.plusMinutes(1));
        assertThat(result.outcome()).as("the ingest run: " + result.body()).isEqualTo(InvocationResult.Outcome.RESPONSE);
        JsonNode answer = JSON.readTree(result.body());
        System.out.printf(Locale.ROOT, "[bench] ingest run: %d documents, %d bytes, %d ms%n", answer.get("documents").asLong(),
                answer.get("bytes").asLong(), answer.get("took_ms").asLong());
        return answer;
    }

    /**
     * Init with the index loaded from S3 against init without one, alternating, of function.zip and, when there is
     * one, of the AOT package.
     */
    private void inits(Map<String, String> withIndex, Map<String, String> embedded) throws Exception {
        Map<String, Map<String, String>> kinds = new LinkedHashMap<>();
        kinds.put("index", withIndex);
        kinds.put("embedded", embedded);
        List<Candidate> packages = bench.aot == null ? List.of(bench.ours) : List.of(bench.ours, bench.aot);
        for (int round = 0; round < coldStarts; round++) {
            for (Candidate candidate : packages) {
                for (Map.Entry<String, Map<String, String>> kind : kinds.entrySet()) {
                    init(candidate, kind.getKey(), kind.getValue());
                }
            }
        }
    }

    private void init(Candidate candidate, String kind, Map<String, String> environment) throws Exception {
        String name = (candidate == bench.ours ? "" : candidate.key() + " ") + kind;
        try (Running running = bench.launch(candidate, environment, List.of(), "corpus-init-" + name.replace(' ', '-'),
                memoryMb)) {
            Duration init = running.function().awaitFirstPoll(Duration.ofSeconds(120));
            samples("corpus init " + name).addNanos(init.toNanos());
            if (kind.equals("index")) {
                assertThat(running.function().printed(line -> LOADED.matcher(line).find(), Duration.ofSeconds(5)))
                        .as("the index was loaded at init").isTrue();
                Matcher loaded = LOADED.matcher(running.function().output());
                loaded.find();
                samples("corpus index load " + name).add(Long.parseLong(loaded.group(2)));
                samples("corpus init rss " + name).add(ProcessStats.peakRssKb(running.function().pid()) / 1024.0);
            }
        }
    }

    /** One JVM with the index: every kind of query in turn, then its memory. */
    private void warm(Map<String, String> withIndex) throws Exception {
        try (Running running = bench.launch(bench.ours, withIndex, List.of(), "corpus-warm", memoryMb)) {
            running.function().awaitFirstPoll(Duration.ofSeconds(120));
            for (int i = 0; i < WARM_UP; i++) {
                for (Query query : queries) {
                    search(running, query);
                }
            }
            for (Query query : queries) {
                samples("corpus hits " + query.label()).add(search(running, query).proxyResponse().json().get("total").asInt());
            }
            // A topic word is said in every show: the index answers moments of it, or nothing measured here searched it.
            assertThat(median("corpus hits " + queries.get(1).label())).as("moments of a topic word").isPositive();
            for (int i = 0; i < searches; i++) {
                for (int k = 0; k < queries.size(); k++) {
                    Query query = queries.get((i + k) % queries.size());
                    samples("corpus warm " + query.label()).addNanos(search(running, query).runTime().toNanos());
                }
            }
            long pid = running.function().pid();
            samples("corpus peak rss").add(ProcessStats.peakRssKb(pid) / 1024.0);
            ProcessStats.Heap heap = ProcessStats.afterFullGc(bench.javaHome, pid);
            samples("corpus heap").add(heap.liveKb() / 1024.0);
        }
    }

    /**
     * The first search after the SnapStart hooks: published, it first checks the index (one conditional GET, a 304);
     * embedded, it fetches its feeds, as no copy of a feed is searched as fresh after a restore.
     */
    private void restores(Map<String, String> withIndex, Map<String, String> embedded, CountingProxy checks)
            throws Exception {
        Candidate indexPrimed = Candidate.managed("corpus-restore-index", bench.functionZip, FunctionLauncher.HANDLER,
                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"), bench.oursJvmOptions);
        Candidate embeddedPrimed = Candidate.managed("corpus-restore-embedded", bench.functionZip, FunctionLauncher.HANDLER,
                Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"), bench.oursJvmOptions);
        Query query = queries.get(0);
        for (int round = 0; round < coldStarts; round++) {
            for (Candidate candidate : List.of(indexPrimed, embeddedPrimed)) {
                try (Running running = bench.launch(candidate, candidate == indexPrimed ? withIndex : embedded, List.of(),
                        candidate.key(), memoryMb)) {
                    running.function().awaitFirstPoll(Duration.ofSeconds(180));
                    int gets = checks.gets();
                    int notModified = checks.notModified();
                    InvocationResult first = search(running, query);
                    samples("first " + candidate.key()).addNanos(first.runTime().toNanos());
                    if (candidate == indexPrimed) {
                        samples("restore checks").add(checks.gets() - gets);
                        samples("restore not modified").add(checks.notModified() - notModified);
                        samples("restore check round trip").addNanos(checks.lastNotModifiedRoundTrip().toNanos());
                        // The same search again, no check due now: what the first one cost without its check.
                        samples("second " + candidate.key()).addNanos(search(running, query).runTime().toNanos());
                        assertThat(checks.gets() - gets).as("the second search checks nothing").isEqualTo(1);
                    }
                }
            }
        }
    }

    /**
     * {@code instances} embedded search functions side by side, the feeds' refresh shortened so that a cycle passes in
     * seconds: each cycle, every instance searches, then the background fetches it started are waited for.
     */
    private void embeddedCycles(GeneratedCorpus corpus, BenchUpstreams apis, int instances) throws Exception {
        Duration refresh = Duration.ofSeconds(3);
        Map<String, String> environment = embeddedEnvironment(corpus, apis);
        environment.put("SEARCH_FEEDS_REFRESH", refresh.toSeconds() + "s");
        // The first search waits for its feeds: with two instances fetching ten feeds at once on a busy machine, 5 s
        // can pass, and a 504 would not change what the hosts are asked.
        environment.put("SEARCH_TIMEOUT", "14s");
        List<Running> runnings = new ArrayList<>();
        try {
            for (int i = 0; i < instances; i++) {
                runnings.add(bench.launch(bench.ours, environment, List.of(), "scale-embedded-" + instances + "-" + i,
                        memoryMb));
            }
            for (Running running : runnings) {
                running.function().awaitFirstPoll(Duration.ofSeconds(120));
            }
            for (int cycle = 1; cycle <= CYCLES_PER_HOUR; cycle++) {
                corpus.resetTraffic();
                long due = System.nanoTime() + refresh.plusMillis(500).toNanos();
                for (Running running : runnings) {
                    search(running, queries.get(0));
                }
                awaitQuiet(corpus);
                perHost(corpus, "embedded " + instances + " cycle " + cycle);
                TimeUnit.NANOSECONDS.sleep(Math.max(0, due - System.nanoTime()));
            }
        } finally {
            runnings.forEach(Running::close);
        }
    }

    /** The ingest's runs, then one published instance's checks of the index over as many cycles, through the proxy. */
    private void publishedCycles(GeneratedCorpus corpus, S3rver s3, CountingProxy checks, BenchUpstreams apis)
            throws Exception {
        ingest(corpus, s3, apis, "scale-ingest", false);
        Duration refresh = Duration.ofSeconds(2);
        Map<String, String> environment = publishedEnvironment(corpus, checks, apis);
        environment.put("SEARCH_INDEX_REFRESH", refresh.toSeconds() + "s");
        try (Running running = bench.launch(bench.ours, environment, List.of(), "scale-published", memoryMb)) {
            running.function().awaitFirstPoll(Duration.ofSeconds(120));
            corpus.resetTraffic();
            for (int cycle = 1; cycle <= CYCLES_PER_HOUR; cycle++) {
                TimeUnit.MILLISECONDS.sleep(refresh.plusMillis(200).toMillis());
                int gets = checks.gets();
                int notModified = checks.notModified();
                search(running, queries.get(0));
                samples("published checks per cycle").add(checks.gets() - gets);
                samples("published not modified per cycle").add(checks.notModified() - notModified);
            }
            assertThat(corpus.traffic().requests()).as("a published instance asks no feed's host").isZero();
        }
    }

    /** Waits until no feed's host has been asked anything for a second: the background fetches are done. */
    private static void awaitQuiet(GeneratedCorpus corpus) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        long before = -1;
        while (corpus.traffic().requests() != before) {
            assertThat(System.nanoTime()).as("the refresh's fetches end within 3 minutes").isLessThan(deadline);
            before = corpus.traffic().requests();
            TimeUnit.SECONDS.sleep(1);
        }
    }

    /** Requests per feed host in this cycle or run: the mean over the hosts, and the busiest host's. */
    private void perHost(GeneratedCorpus corpus, String name) {
        List<Traffic> hosts = IntStream.range(0, corpus.shows()).mapToObj(corpus::traffic).toList();
        samples(name).add(hosts.stream().mapToLong(Traffic::requests).average().orElse(0));
        samples(name + " max").add(hosts.stream().mapToLong(Traffic::requests).max().orElse(0));
        System.out.printf(Locale.ROOT, "[bench] %s: requests per host %s%n", name,
                hosts.stream().map(host -> host.requests() + " (" + host.notModified() + " × 304)").toList());
    }

    private InvocationResult search(Running running, Query query) {
        return running.answering(HttpApiEvents.search(query.parameters()), query.label(), 200);
    }

    private static Map<String, String> s3Environment(String endpoint) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SEARCH_INDEX_LOCATION", LOCATION);
        environment.put("AWS_ENDPOINT_URL_S3", endpoint);
        environment.put("AWS_ACCESS_KEY_ID", S3rver.ACCESS_KEY);
        environment.put("AWS_SECRET_ACCESS_KEY", S3rver.SECRET_KEY);
        return environment;
    }

    private static Map<String, String> publishedEnvironment(GeneratedCorpus corpus, CountingProxy checks, BenchUpstreams apis) {
        Map<String, String> environment = embeddedEnvironment(corpus, apis);
        environment.putAll(s3Environment(checks.endpoint().toString()));
        return environment;
    }

    private static Map<String, String> embeddedEnvironment(GeneratedCorpus corpus, BenchUpstreams apis) {
        Map<String, String> environment = new LinkedHashMap<>(apis.environment());
        environment.putAll(corpus.environment());
        return environment;
    }

    private Samples samples(String name) {
        return bench.samples(name);
    }

    private double median(String name) {
        return bench.median(name);
    }

    // The rows of both sections, and the table of requests per hour.
    void rows(Report report, boolean corpusRan, boolean scaleRan) {
        double none = Double.NaN;
        if (corpusRan) {
            String corpusName = shows + " × " + episodes + " × " + words + " words";
            report.row("Corpus (" + corpusName + "): packaged ingest, one run (fetch, index, publish), launch excluded",
                    median("corpus ingest") / 1000, none, none, "s");
            report.row("Corpus: the ingest's peak RSS (VmHWM) at " + memoryMb + " MB; its CPU time, init included, "
                    + Report.format(median("corpus ingest cpu") / 1000) + " s, init " + Report.format(median("corpus ingest init"))
                    + " ms, transcripts fetched " + (long) median("corpus ingest transcripts"), median("corpus ingest peak rss"),
                    none, none, "MB");
            report.row("Corpus: the published object (" + (long) median("corpus index documents") + " documents)",
                    median("corpus index bytes"), none, none, "MB");
            double withIndex = median("corpus init index");
            double embedded = median("corpus init embedded");
            report.row("Corpus: init with the index loaded from S3 (median of " + coldStarts + "; download and load "
                    + Report.format(median("corpus index load index")) + " ms)", withIndex, none, none, "ms",
                    "≤ 1.15× without (" + Report.format(1.15 * embedded) + " ms)", withIndex <= 1.15 * embedded);
            report.row("Corpus: init without an index (embedded, same run, alternating); with / without "
                    + Report.ratio(withIndex, embedded), embedded, none, none, "ms");
            report.row("Corpus: peak RSS at init with the index", median("corpus init rss index"), none, none, "MB");
            if (bench.aot != null) {
                double aotWithIndex = median("corpus init aot index");
                double aotEmbedded = median("corpus init aot embedded");
                report.row("Corpus: AOT package, init with the index loaded from S3 (bootstrap → first poll; download and load "
                        + Report.format(median("corpus index load aot index")) + " ms)", aotWithIndex, none, none, "ms",
                        "≤ 1.15× without (" + Report.format(1.15 * aotEmbedded) + " ms)", aotWithIndex <= 1.15 * aotEmbedded);
                report.row("Corpus: AOT package, init without an index (same run); with / without "
                        + Report.ratio(aotWithIndex, aotEmbedded), aotEmbedded, none, none, "ms");
            }
            for (Query query : queries) {
                Samples warm = samples("corpus warm " + query.label());
                double p50 = warm.median();
                report.row("Corpus: warm search p50, " + query.label() + ", " + (long) median("corpus hits " + query.label())
                        + " hits (p99 " + Report.format(warm.percentile(99)) + " ms; " + searches + " searches)", p50, none,
                        none, "ms", "≤ 5 ms", p50 <= 5);
            }
            report.row("Corpus: peak RSS after the warm searches", median("corpus peak rss"), none, none, "MB");
            report.row("Corpus: heap after full GC, the index loaded", median("corpus heap"), none, none, "MB");
            double index = median("first corpus-restore-index");
            double embeddedFirst = median("first corpus-restore-embedded");
            report.row("Corpus: first search after SnapStart hooks, published: index check ("
                    + (long) median("restore checks") + " GET, " + (long) median("restore not modified") + " × 304, its round"
                    + " trip at the proxy " + Report.format(median("restore check round trip")) + " ms; median of "
                    + coldStarts + ")", index, none, none, "ms");
            report.row("Corpus: the same search right after it, no check due (the first one without its check); first /"
                    + " this " + Report.ratio(index, median("second corpus-restore-index")),
                    median("second corpus-restore-index"), none, none, "ms");
            report.row("Corpus: first search after SnapStart hooks, embedded (fetches its " + shows + " feeds); published / "
                    + "embedded " + Report.ratio(index, embeddedFirst), embeddedFirst, none, none, "ms");
        }
        if (scaleRan) {
            report.table(requestsPerHour());
        }
    }

    /**
     * Requests to one feed's host per hour, from the cycles measured: embedded, each instance fetches for itself, so
     * N instances ask N times what one asks (measured with 1 and 2); published, the ingest asks once whatever N, and
     * each instance asks S3 once a cycle.
     */
    private String requestsPerHour() {
        double firstHourOne = 0;
        double firstHourTwo = 0;
        for (int cycle = 1; cycle <= CYCLES_PER_HOUR; cycle++) {
            firstHourOne += median("embedded 1 cycle " + cycle);
            firstHourTwo += median("embedded 2 cycle " + cycle);
        }
        double steadyCycle = median("embedded 1 cycle " + CYCLES_PER_HOUR);
        // Each kept file is asked again, conditionally, once a day (search.transcripts.refresh, 24 h).
        double revalidations = 2.0 * scaleEpisodes / 24;
        double embeddedSteady = CYCLES_PER_HOUR * steadyCycle + revalidations;
        double ingestFirst = median("published run first") + (CYCLES_PER_HOUR - 1) * median("published run unchanged");
        double ingestSteady = CYCLES_PER_HOUR * median("published run unchanged") + revalidations;
        double checks = median("published checks per cycle");
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "Requests to each feed's host per hour (refresh %d min; measured cycles: "
                + "embedded 1 instance %s, 2 instances %s (%s× one), per cycle %s; published ingest: first run %s, unchanged "
                + "%s, after a new episode %s; each published instance %s GET a cycle to S3, %s × 304)%n%n",
                CYCLE.toMinutes(), Report.format(firstHourOne), Report.format(firstHourTwo),
                Report.format(firstHourTwo / firstHourOne),
                IntStream.rangeClosed(1, CYCLES_PER_HOUR).mapToObj(cycle -> Report.format(median("embedded 1 cycle " + cycle)))
                        .collect(Collectors.joining(" / ")),
                Report.format(median("published run first")), Report.format(median("published run unchanged")),
                Report.format(median("published run new episode")), Report.format(checks),
                Report.format(median("published not modified per cycle"))));
        table.append("| instances | embedded, instances new this hour | embedded, instances warm for a day | published: ingest,"
                + " first hour | published: ingest, steady | published: GETs to S3 (all instances) |\n");
        table.append("| ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (int n : INSTANCES) {
            table.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s |%n", n, Report.format(n * firstHourOne),
                    Report.format(n * embeddedSteady), Report.format(ingestFirst), Report.format(ingestSteady),
                    Report.format(n * checks * CYCLES_PER_HOUR)));
        }
        return table.toString();
    }
}
