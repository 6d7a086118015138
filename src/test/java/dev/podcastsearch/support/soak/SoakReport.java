package dev.podcastsearch.support.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.podcastsearch.support.lambda.InvocationResult;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.ProcessSnapshot;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.soak.SoakRun.Planned;
import dev.podcastsearch.support.soak.SoakUpstreams.Held;

/**
 * What a {@link SoakRun} saw, and the limits it is judged by. Figures are printed as a table and written, with
 * one CSV row per search, to {@code target/soak/}.
 *
 * <p>
 * The limits, and why they are what they are:
 * <ul>
 * <li>sockets at the end at most {@value #SOCKET_TOLERANCE} above their count after the warm-up: the function then
 * holds one connection to the Runtime API per polling thread, the sources' pooled connections if any, and two UNIX
 * sockets, one of them the attach listener's; a leak of one per search, or per fault, would add hundreds, while a
 * pooled connection not yet reaped or replaced after a cancellation may rightly come and go;
 * <li>threads at the end at most {@value #THREAD_TOLERANCE} above their count after the warm-up, plus one per search
 * that may run at once: Quarkus's worker pool (where a retry waits, for one) grows with the searches running
 * together and retires idle threads a while later, and HotSpot starts and retires a JIT compiler thread as
 * compilation demands; a leak of one per search, or per fault, would again add hundreds;
 * <li>the heap live objects fill (after a full collection) at most {@value #HEAP_GROWTH_PERCENT} % above its size after
 * the warm-up;
 * <li>the median run time of the last {@value #LATENCY_WINDOW} healthy searches at most
 * {@value #LATENCY_FACTOR} times that of the first {@value #LATENCY_WINDOW}, plus {@value #LATENCY_SLACK_MS} ms
 * (fewer when the run is short): a regression check with room for a shared machine's noise, not a speed target.
 * </ul>
 */
public final class SoakReport {

    private static final int SOCKET_TOLERANCE = 4;
    private static final int THREAD_TOLERANCE = 4;
    private static final int HEAP_GROWTH_PERCENT = 10;
    private static final int LATENCY_WINDOW = 1000;
    private static final double LATENCY_FACTOR = 1.2;
    private static final long LATENCY_SLACK_MS = 2;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ERROR_LEVELS = Set.of("ERROR", "FATAL");
    private static final Pattern TEXT_ERROR = Pattern.compile("\\bERROR\\b|Exception|^\\s+at ");

    private final String name;
    private final int maxConcurrency;
    private final Duration searchTimeout;
    private final int warmUp;
    private final int invocations;
    private final Duration init;
    private final Duration measuredWall;
    private final List<Result> results;
    private final ProcessSnapshot afterWarmUp;
    private final ProcessSnapshot atEnd;
    private final Map<String, Map<String, Long>> requestsPerQueryBySource = new TreeMap<>();
    private final int answerCount;
    private final int maxInFlight;
    private final List<String> protocolViolations;
    private final List<String> initErrors;
    private final String functionOutput;

    /**
     * A search, its answer, and what became of the request held open for it (null for a healthy search).
     *
     * @param faultSentNanos when its fault was last sent, null for a healthy or slow search
     */
    public record Result(Planned search, InvocationResult invocation, Held held, Long faultSentNanos) {

        /** From the fault to the end of the held sibling's request: how long the cancellation took. */
        public Optional<Duration> cancellationLag() {
            if (held == null || faultSentNanos == null) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos(held.endedNanos() - faultSentNanos));
        }
    }

    /** Takes what the stand-ins and the function recorded; call it once the last search is answered. */
    SoakReport(String name, int maxConcurrency, Duration searchTimeout, int warmUp, Duration init,
            Duration measuredWall, List<SoakRun.Answered> answered, ProcessSnapshot afterWarmUp, ProcessSnapshot atEnd,
            SoakUpstreams upstreams, LambdaRuntimeApi runtimeApi, RunningFunction function) {
        this.name = name;
        this.maxConcurrency = maxConcurrency;
        this.searchTimeout = searchTimeout;
        this.warmUp = warmUp;
        this.invocations = answered.size() - warmUp;
        this.init = init;
        this.measuredWall = measuredWall;
        this.results = answered.stream()
                .map(a -> new Result(a.search(), a.result(), upstreams.held(a.search().query()).orElse(null),
                        upstreams.faultSentNanos(a.search().query()).orElse(null)))
                .toList();
        this.afterWarmUp = afterWarmUp;
        this.atEnd = atEnd;
        upstreams.portsBySource().values()
                .forEach(sourceId -> requestsPerQueryBySource.put(sourceId, upstreams.requestsPerQuery(sourceId)));
        this.answerCount = runtimeApi.answerCount();
        this.maxInFlight = runtimeApi.maxInFlight();
        this.protocolViolations = runtimeApi.protocolViolations();
        this.initErrors = runtimeApi.initErrors();
        this.functionOutput = function.output();
    }

    /** Every search, the warm-up's included, in the order they were queued. */
    public List<Result> results() {
        return results;
    }

    /** The searches after the warm-up. */
    public List<Result> measured() {
        return results.subList(warmUp, results.size());
    }

    public Duration searchTimeout() {
        return searchTimeout;
    }

    public ProcessSnapshot afterWarmUp() {
        return afterWarmUp;
    }

    public ProcessSnapshot atEnd() {
        return atEnd;
    }

    /** How often each query reached each source, by source id. */
    public Map<String, Map<String, Long>> requestsPerQueryBySource() {
        return requestsPerQueryBySource;
    }

    public int answerCount() {
        return answerCount;
    }

    public int maxInFlight() {
        return maxInFlight;
    }

    public List<String> protocolViolations() {
        return protocolViolations;
    }

    public List<String> initErrors() {
        return initErrors;
    }

    public String functionOutput() {
        return functionOutput;
    }

    /**
     * The function's log lines at ERROR or FATAL, as parsed JSON log records (the packaged function logs JSON);
     * a line that is not JSON counts if it looks like an error or a stack trace, as a record with only a message.
     */
    public List<JsonNode> errorLogRecords() {
        return functionOutput.lines().map(SoakReport::logRecord)
                .filter(record -> ERROR_LEVELS.contains(record.path("level").asText()))
                .toList();
    }

    private static JsonNode logRecord(String line) {
        // The runtime client prints "Starting 8 concurrent function handler threads." with no line break,
        // so the first record may follow text on its line.
        int start = line.indexOf('{');
        if (start >= 0) {
            try {
                return JSON.readTree(line.substring(start));
            } catch (JsonProcessingException e) {
                // Not a JSON record after all: judged as text below.
            }
        }
        ObjectNode record = JSON.createObjectNode().put("message", line);
        return TEXT_ERROR.matcher(line).find() ? record.put("level", "ERROR") : record.put("level", "TEXT");
    }

    public int socketLimit() {
        return afterWarmUp.sockets() + SOCKET_TOLERANCE;
    }

    public int threadLimit() {
        return afterWarmUp.threads() + THREAD_TOLERANCE + Math.max(1, maxConcurrency);
    }

    public long heapLimitKb() {
        return afterWarmUp.liveHeapKb() * (100 + HEAP_GROWTH_PERCENT) / 100;
    }

    /** Healthy searches compared at each end of the measured run: {@value #LATENCY_WINDOW}, or half of them if fewer. */
    public int latencyWindow() {
        return Math.min(LATENCY_WINDOW, healthyRunTimes().size() / 2);
    }

    public List<Duration> firstRunTimes() {
        return healthyRunTimes().subList(0, latencyWindow());
    }

    public List<Duration> lastRunTimes() {
        List<Duration> all = healthyRunTimes();
        return all.subList(all.size() - latencyWindow(), all.size());
    }

    public Duration latencyLimit() {
        long firstMedianNanos = percentile(firstRunTimes(), 50).toNanos();
        return Duration.ofNanos((long) (firstMedianNanos * LATENCY_FACTOR)).plusMillis(LATENCY_SLACK_MS);
    }

    private List<Duration> healthyRunTimes() {
        return measured().stream().filter(r -> r.search().healthy()).map(r -> r.invocation().runTime()).toList();
    }

    /** The {@code p}th percentile (nearest rank) of some durations. */
    public static Duration percentile(List<Duration> durations, int p) {
        List<Duration> sorted = durations.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** The figures, as a table. */
    public String table() {
        List<String> lines = new ArrayList<>();
        long faults = measured().stream().filter(r -> !r.search().healthy()).count();
        lines.add(String.format("Soak '%s': function.zip under AWS's runtime client, %s, SEARCH_TIMEOUT=%d ms",
                name, maxConcurrency == 0 ? "one search at a time" : "AWS_LAMBDA_MAX_CONCURRENCY=" + maxConcurrency
                        + ", " + 2 * maxConcurrency + " queued, at most " + maxInFlight + " in flight",
                searchTimeout.toMillis()));
        lines.add(String.format(Locale.ROOT, "  %d warm-up + %d measured searches (%d with injected faults) in %.1f s, %.0f searches/s; "
                + "init (launch -> first poll) %d ms", warmUp, invocations, faults, seconds(measuredWall),
                invocations / seconds(measuredWall), init.toMillis()));
        lines.add("");
        lines.add(String.format("  %-34s %14s %14s %14s  %s", "process resources", "after warm-up", "at end", "limit", "ok"));
        lines.add(resourceRow("open sockets", afterWarmUp.sockets(), atEnd.sockets(), socketLimit()));
        for (String peer : peers()) {
            lines.add(String.format("  %-34s %14s %14s", "  to " + peer,
                    afterWarmUp.socketsByPeer().getOrDefault(peer, 0), atEnd.socketsByPeer().getOrDefault(peer, 0)));
        }
        lines.add(resourceRow("threads", afterWarmUp.threads(), atEnd.threads(), threadLimit()));
        lines.add(resourceRow("live heap (KiB)", afterWarmUp.liveHeapKb(), atEnd.liveHeapKb(), heapLimitKb()));
        lines.add(String.format("  %-34s %14d %14d %14s", "metaspace used (KiB)", afterWarmUp.metaspaceUsedKb(),
                atEnd.metaspaceUsedKb(), "-"));
        lines.add("");
        lines.add(String.format("  %-34s %8s %10s %10s %10s %10s  %s", "run time (hand-out -> answer)", "count", "p50 ms",
                "p99 ms", "max ms", "limit ms", "ok"));
        Duration limit = latencyLimit();
        lines.add(latencyRow("healthy, first " + latencyWindow(), firstRunTimes(), null));
        lines.add(latencyRow("healthy, last " + latencyWindow(), lastRunTimes(),
                limit));
        Map<InjectedFault, List<Result>> byFault = measured().stream().filter(r -> !r.search().healthy() && !r.search().partial())
                .collect(Collectors.groupingBy(r -> r.search().fault(), () -> new EnumMap<>(InjectedFault.class),
                        Collectors.toList()));
        byFault.forEach((fault, rows) -> lines.add(latencyRow(
                "fault " + fault.name().toLowerCase(Locale.ROOT) + " -> " + fault.expectedStatus(),
                rows.stream().map(r -> r.invocation().runTime()).toList(), null)));
        List<Duration> partialFaults = measured().stream().filter(r -> !r.search().healthy() && r.search().partial())
                .map(r -> r.invocation().runTime()).toList();
        if (!partialFaults.isEmpty()) {
            lines.add(latencyRow("partial, with a fault -> 200", partialFaults, null));
        }
        List<Duration> lags = measured().stream().map(Result::cancellationLag).flatMap(Optional::stream).toList();
        if (!lags.isEmpty()) {
            lines.add(latencyRow("sibling cancelled after the fault", lags, null));
        }
        lines.add("");
        lines.add("  answers by status: " + measured().stream()
                .collect(Collectors.groupingBy(r -> r.invocation().outcome() == InvocationResult.Outcome.RESPONSE
                        ? Integer.toString(r.invocation().proxyResponse().statusCode())
                        : "runtime error", TreeMap::new, Collectors.counting())));
        lines.add("  failure reasons: " + measured().stream().filter(r -> !r.search().healthy())
                .map(SoakReport::reason)
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting())));
        lines.add("  function log lines by level: " + functionOutput.lines()
                .collect(Collectors.groupingBy(line -> logRecord(line).path("level").asText(), TreeMap::new, Collectors.counting())));
        lines.add("  error log records: " + errorLogRecords().stream()
                .collect(Collectors.groupingBy(SoakReport::describe, TreeMap::new, Collectors.counting())));
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    /** Prints the table and writes it, with one CSV row per search, to {@code target/soak/}. */
    public SoakReport publish() {
        String table = table();
        System.out.print(table);
        try {
            Path directory = Files.createDirectories(Path.of("target", "soak"));
            Files.writeString(directory.resolve(name + ".txt"), table, StandardCharsets.UTF_8);
            List<String> rows = new ArrayList<>();
            rows.add("n,query,warm_up,fault,faulty_source,outcome,status,run_time_ms,turnaround_ms,cancellation_lag_ms");
            for (Result r : results) {
                rows.add(String.join(",", Integer.toString(r.search().n()), r.search().query(),
                        Boolean.toString(r.search().n() < warmUp),
                        r.search().healthy() ? "" : r.search().fault().name().toLowerCase(Locale.ROOT),
                        r.search().faultySourceId() == null ? "" : r.search().faultySourceId(),
                        r.invocation().outcome().name().toLowerCase(Locale.ROOT),
                        r.invocation().outcome() == InvocationResult.Outcome.RESPONSE
                                ? Integer.toString(r.invocation().proxyResponse().statusCode()) : "",
                        millis(r.invocation().runTime()), millis(r.invocation().turnaround()),
                        r.cancellationLag().map(SoakReport::millis).orElse("")));
            }
            Files.write(directory.resolve(name + "-searches.csv"), rows, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the soak figures under target/soak", e);
        }
        return this;
    }

    private List<String> peers() {
        List<String> peers = new ArrayList<>(afterWarmUp.socketsByPeer().keySet());
        atEnd.socketsByPeer().keySet().stream().filter(peer -> !peers.contains(peer)).forEach(peers::add);
        peers.sort(Comparator.naturalOrder());
        return peers;
    }

    private static String reason(Result r) {
        if (r.invocation().outcome() != InvocationResult.Outcome.RESPONSE) {
            return "runtime error";
        }
        ProxyResponse response = r.invocation().proxyResponse();
        JsonNode problem = response.json();
        if (response.statusCode() == 200) {
            return problem.path("sources").findValuesAsText("reason").toString();
        }
        return problem.has("reason") ? problem.get("reason").asText() : problem.path("title").asText();
    }

    private static String describe(JsonNode logRecord) {
        JsonNode exception = logRecord.path("exception").path("exceptionType");
        return logRecord.path("loggerName").asText("-") + ": " + logRecord.path("message").asText()
                + (exception.isMissingNode() ? "" : " (" + exception.asText() + ")");
    }

    private static String resourceRow(String label, long start, long end, long limit) {
        return String.format("  %-34s %14d %14d %14d  %s", label, start, end, limit, end <= limit ? "yes" : "NO");
    }

    private static String latencyRow(String label, List<Duration> durations, Duration limit) {
        Duration median = percentile(durations, 50);
        return String.format("  %-34s %8d %10s %10s %10s %10s  %s", label, durations.size(), millis(median),
                millis(percentile(durations, 99)), millis(percentile(durations, 100)),
                limit == null ? "" : millis(limit), limit == null ? "" : median.compareTo(limit) <= 0 ? "yes" : "NO");
    }

    private static String millis(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toNanos() / 1e6);
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
