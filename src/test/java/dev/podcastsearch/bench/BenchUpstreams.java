package dev.podcastsearch.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import dev.podcastsearch.support.upstream.PodcastApiStubs;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;

/**
 * The podcast APIs the benchmark points both functions at: raw-socket stand-ins on loopback that answer each search with
 * a sample response after a fixed delay, in one write on a TCP_NODELAY socket, so that what they add is tiny and the same
 * for both functions. The first two are the configured sources (talkpython, pythonbytes); more are added by environment
 * variables only, as a deployment would add them.
 */
final class BenchUpstreams implements AutoCloseable {

    private final List<String> ids = new ArrayList<>();
    private final List<ScriptedUpstream> upstreams = new ArrayList<>();

    private BenchUpstreams(int count, Function<Integer, ScriptedUpstream> start) {
        for (int i = 0; i < count; i++) {
            ids.add(i == 0 ? PodcastApiStubs.TALK_PYTHON : i == 1 ? PodcastApiStubs.PYTHON_BYTES : String.format("extra%02d", i - 1));
            upstreams.add(start.apply(i));
        }
    }

    static BenchUpstreams start(int count) {
        return new BenchUpstreams(count, i -> ScriptedUpstream.start());
    }

    static BenchUpstreams startTls(int count, SSLContext tls) {
        return new BenchUpstreams(count, i -> ScriptedUpstream.startTls(tls));
    }

    /** {@code SEARCH_SOURCES_<ID>_BASE_URL} for every stand-in: the configuration both functions read. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            environment.put("SEARCH_SOURCES_" + ids.get(i).toUpperCase(Locale.ROOT) + "_BASE_URL", upstreams.get(i).baseUrl());
        }
        return environment;
    }

    /** Every stand-in answers with its API's pydantic sample after {@code delay}; the formats alternate. */
    BenchUpstreams answerAfter(Duration delay) {
        for (int i = 0; i < upstreams.size(); i++) {
            upstreams.get(i).answer(sample(i).after(delay));
        }
        return this;
    }

    ScriptedUpstream get(int index) {
        return upstreams.get(index);
    }

    int connectionsAccepted() {
        return upstreams.stream().mapToInt(ScriptedUpstream::connectionsAccepted).sum();
    }

    int tlsHandshakes() {
        return upstreams.stream().mapToInt(ScriptedUpstream::tlsHandshakes).sum();
    }

    static Reply sample(int index) {
        String format = index % 2 == 0 ? PodcastApiStubs.TALK_PYTHON : PodcastApiStubs.PYTHON_BYTES;
        return Reply.status(200, "application/json; charset=utf-8", PodcastApiStubs.sample(format, "pydantic"));
    }

    @Override
    public void close() throws IOException {
        for (ScriptedUpstream upstream : upstreams) {
            upstream.close();
        }
    }
}
