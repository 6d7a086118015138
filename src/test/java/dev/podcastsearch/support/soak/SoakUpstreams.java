package dev.podcastsearch.support.soak;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;

/**
 * Both podcast APIs stood in by {@link ScriptedUpstream}s that answer by the query alone, for runs of thousands
 * of searches: a plain query gets one hit per source that names it, at once; a query made by
 * {@link InjectedFault#query} makes the source it names fail that way.
 *
 * <p>
 * In a fault row the healthy sibling is held open, and the fault is only sent once the sibling's request has
 * arrived, so that every fault finds a call to cancel. What became of each held request is recorded: whether the
 * function closed its connection (cancelled it) or the hold ran out, and when, against the moment the fault was sent.
 * A {@link InjectedFault#SLOW} source is the held one instead, and its sibling answers at once.
 */
public final class SoakUpstreams implements AutoCloseable {

    /** Far longer than any search deadline a test sets: a held request that is never cancelled stays visible. */
    private static final Duration HOLD = Duration.ofSeconds(30);
    private static final Duration SIBLING_ARRIVAL = Duration.ofSeconds(5);

    /**
     * One hit whose title and keyword carry the query, in each source's own format. Queries are plain words
     * (letters, digits, hyphens), so they go into the JSON unescaped.
     */
    private static final Map<String, Function<String, String>> ECHO = Map.of(
            TALK_PYTHON, query -> """
                    {"elapsed_ms": 1.5, "keywords": ["%1$s"], "results": [
                      {"id": 1001, "category": "Episode", "url": "https://talkpython.fm/episodes/show/1001/echo",
                       "title": "Talk Python on %1$s", "description": "An episode about %1$s."}]}
                    """.formatted(query),
            PYTHON_BYTES, query -> """
                    {"elapsed_ms": 1.5, "keywords": ["%1$s"], "episodes": [
                      {"item_id": 2002, "category": "episode", "url": "https://pythonbytes.fm/episodes/show/2002/echo",
                       "title": "Python Bytes on %1$s", "description": "News about %1$s."}]}
                    """.formatted(query));

    private final Map<String, ScriptedUpstream> upstreams = new LinkedHashMap<>();
    private final Map<String, CountDownLatch> siblingArrivals = new ConcurrentHashMap<>();
    private final Map<String, Long> faultSentNanos = new ConcurrentHashMap<>();
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    /**
     * A request held open on purpose, by query.
     *
     * @param cancelled true if the function closed the connection, false if the hold ran out and it was answered late
     */
    public record Held(String sourceId, long arrivedNanos, long endedNanos, boolean cancelled) {

        public Duration duration() {
            return Duration.ofNanos(endedNanos - arrivedNanos);
        }
    }

    private SoakUpstreams() {
        for (String sourceId : List.of(PYTHON_BYTES, TALK_PYTHON)) {
            ScriptedUpstream upstream = ScriptedUpstream.start();
            upstream.answer(exchange -> reply(sourceId, exchange));
            upstreams.put(sourceId, upstream);
        }
    }

    public static SoakUpstreams start() {
        return new SoakUpstreams();
    }

    /** Points the function's sources at these stand-ins: {@code SEARCH_SOURCES_<ID>_BASE_URL} for each. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        upstreams.forEach((sourceId, upstream) -> environment.put(
                "SEARCH_SOURCES_" + sourceId.toUpperCase(Locale.ROOT) + "_BASE_URL", upstream.baseUrl()));
        return environment;
    }

    /** The source id behind each stand-in's port, to tell a process's connections apart. */
    public Map<Integer, String> portsBySource() {
        return upstreams.entrySet().stream().collect(Collectors.toMap(
                entry -> URI.create(entry.getValue().baseUrl()).getPort(), Map.Entry::getKey));
    }

    /** The request held open for {@code query}; empty if none arrived. */
    public Optional<Held> held(String query) {
        return Optional.ofNullable(held.get(query));
    }

    /** When the fault for {@code query} was last sent (a retried query gets it again), in {@link System#nanoTime()} units. */
    public Optional<Long> faultSentNanos(String query) {
        return Optional.ofNullable(faultSentNanos.get(query));
    }

    /** How often {@code query} reached each source, by source id. */
    public Map<String, Long> requestsFor(String query) {
        Map<String, Long> requests = new LinkedHashMap<>();
        upstreams.forEach((sourceId, upstream) -> requests.put(sourceId,
                upstream.requests().stream().filter(request -> query.equals(request.q())).count()));
        return requests;
    }

    /** How often each query reached {@code sourceId}. */
    public Map<String, Long> requestsPerQuery(String sourceId) {
        return upstreams.get(sourceId).requests().stream()
                .collect(Collectors.groupingBy(ScriptedUpstream.Request::q, Collectors.counting()));
    }

    @Override
    public void close() {
        for (ScriptedUpstream upstream : upstreams.values()) {
            try {
                upstream.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void reply(String sourceId, ScriptedUpstream.Exchange exchange) throws IOException {
        String query = exchange.request().q();
        Optional<InjectedFault.Target> target = InjectedFault.in(query);
        if (target.isEmpty()) {
            echo(sourceId, query).write(exchange);
        } else if (target.get().sourceId().equals(sourceId)) {
            fail(target.get().fault(), sourceId, exchange);
        } else if (target.get().fault() == InjectedFault.SLOW) {
            echo(sourceId, query).write(exchange);
        } else if (target.get().partial()) {
            // A partial search waits for the sibling instead of cancelling it, so it gets its answer at once.
            arrival(query).countDown();
            echo(sourceId, query).write(exchange);
        } else {
            arrival(query).countDown();
            hold(sourceId, exchange);
        }
    }

    private void fail(InjectedFault fault, String sourceId, ScriptedUpstream.Exchange exchange) throws IOException {
        String query = exchange.request().q();
        if (fault == InjectedFault.SLOW) {
            hold(sourceId, exchange);
            return;
        }
        try {
            arrival(query).await(SIBLING_ARRIVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        faultSentNanos.put(query, System.nanoTime());
        switch (fault) {
            case SERVER_ERROR -> Reply.status(500, "application/json", "{\"error\": \"injected\"}").write(exchange);
            case RESET -> exchange.reset();
            case NOT_JSON -> Reply.status(200, "application/json", "<html><body>Bad gateway</body></html>").write(exchange);
            default -> throw new IllegalStateException("unhandled fault " + fault);
        }
    }

    private void hold(String sourceId, ScriptedUpstream.Exchange exchange) throws IOException {
        String query = exchange.request().q();
        long arrived = System.nanoTime();
        boolean stillWanted = exchange.await(HOLD);
        held.put(query, new Held(sourceId, arrived, System.nanoTime(), !stillWanted));
        if (stillWanted) {
            echo(sourceId, query).write(exchange);
        }
    }

    private CountDownLatch arrival(String query) {
        return siblingArrivals.computeIfAbsent(query, ignored -> new CountDownLatch(1));
    }

    private static Reply echo(String sourceId, String query) {
        return Reply.json(ECHO.get(sourceId).apply(query));
    }
}
