package dev.podcastsearch.support.upstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/**
 * WireMock stand-ins for both podcast search APIs, one server per source on a free port of 127.0.0.1, for tests
 * that run the function outside Quarkus (as a packaged Lambda function) and configure it by environment variables.
 * Each answers {@code GET /api/search?q=...} in its own API's format.
 *
 * <p>
 * Tests add their own stubs on {@link #talkPython()} and {@link #pythonBytes()}; stubs with a priority number
 * below {@link #FALLBACK_PRIORITY} win over the canned ones added here.
 */
public final class PodcastApiStubs implements AutoCloseable {

    public static final String TALK_PYTHON = "talkpython";
    public static final String PYTHON_BYTES = "pythonbytes";
    /** The priority of the canned stubs; a lower number wins in WireMock. */
    public static final int FALLBACK_PRIORITY = 10;

    private static final String SEARCH_PATH = "/api/search";

    private final WireMockServer talkPython;
    private final WireMockServer pythonBytes;

    private PodcastApiStubs() {
        this.talkPython = startServer();
        this.pythonBytes = startServer();
    }

    public static PodcastApiStubs start() {
        return new PodcastApiStubs();
    }

    public WireMockServer talkPython() {
        return talkPython;
    }

    public WireMockServer pythonBytes() {
        return pythonBytes;
    }

    public WireMockServer source(String sourceId) {
        return switch (sourceId) {
            case TALK_PYTHON -> talkPython;
            case PYTHON_BYTES -> pythonBytes;
            default -> throw new IllegalArgumentException("no stand-in for source " + sourceId);
        };
    }

    /** Points the function's sources at these stand-ins: {@code SEARCH_SOURCES_<ID>_BASE_URL} for each. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SEARCH_SOURCES_TALKPYTHON_BASE_URL", talkPython.baseUrl());
        environment.put("SEARCH_SOURCES_PYTHONBYTES_BASE_URL", pythonBytes.baseUrl());
        return environment;
    }

    /**
     * Answers from the sample responses shared with dev mode ({@code src/test/resources/wiremock/__files}):
     * the pydantic or fastapi sample when the query names one, no hits otherwise.
     */
    public PodcastApiStubs answerWithSamples() {
        for (String sourceId : List.of(TALK_PYTHON, PYTHON_BYTES)) {
            WireMockServer server = source(sourceId);
            server.stubFor(search(".*", FALLBACK_PRIORITY + 1).willReturn(json(sample(sourceId, "no-hits"))));
            for (String topic : List.of("pydantic", "fastapi")) {
                server.stubFor(search("(?i).*" + topic + ".*", FALLBACK_PRIORITY).willReturn(json(sample(sourceId, topic))));
            }
        }
        return this;
    }

    /**
     * Answers every query, after {@code delay}, with one hit per source whose title and keyword carry the query,
     * so that a test running many searches at once can tell each answer's results apart. Queries must be plain
     * words (letters, digits, spaces, hyphens): the templates put them into JSON unescaped.
     */
    public PodcastApiStubs echoEveryQuery(Duration delay) {
        talkPython.stubFor(search(".*", FALLBACK_PRIORITY).willReturn(json("""
                {"elapsed_ms": 1.5, "keywords": ["{{request.query.q}}"], "results": [
                  {"id": 1001, "category": "Episode", "url": "https://talkpython.fm/episodes/show/1001/echo",
                   "title": "Talk Python on {{request.query.q}}", "description": "An episode about {{request.query.q}}."}]}
                """).withFixedDelay((int) delay.toMillis()).withTransformers("response-template")));
        pythonBytes.stubFor(search(".*", FALLBACK_PRIORITY).willReturn(json("""
                {"elapsed_ms": 1.5, "keywords": ["{{request.query.q}}"], "episodes": [
                  {"item_id": 2002, "category": "episode", "url": "https://pythonbytes.fm/episodes/show/2002/echo",
                   "title": "Python Bytes on {{request.query.q}}", "description": "News about {{request.query.q}}."}]}
                """).withFixedDelay((int) delay.toMillis()).withTransformers("response-template")));
        return this;
    }

    /** A search stub for queries matching {@code queryRegex}, to complete with {@code willReturn}. */
    public static MappingBuilder search(String queryRegex, int priority) {
        return get(urlPathEqualTo(SEARCH_PATH)).withQueryParam("q", matching(queryRegex)).atPriority(priority);
    }

    /** A 200 answer with a JSON body, as both APIs send it. */
    public static ResponseDefinitionBuilder json(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

    /** The decoded {@code q} of every search the source received, oldest first. */
    public List<String> receivedQueries(String sourceId) {
        return source(sourceId).findAll(getRequestedFor(urlPathEqualTo(SEARCH_PATH))).stream()
                .map(request -> request.queryParameter("q").firstValue())
                .toList();
    }

    /** A sample response shared with dev mode, e.g. {@code sample("talkpython", "pydantic")}. */
    public static String sample(String sourceId, String name) {
        String resource = "wiremock/__files/" + sourceId + "/" + name + ".json";
        try (InputStream in = PodcastApiStubs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no sample response " + resource + " on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        talkPython.stop();
        pythonBytes.stop();
    }

    /**
     * Delayed answers are served asynchronously, so a slow stub holds no container thread while it waits and
     * dozens of concurrent searches cannot starve the server.
     */
    private static WireMockServer startServer() {
        WireMockServer server = new WireMockServer(options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(32)
                .asynchronousResponseEnabled(true)
                .asynchronousResponseThreads(8));
        server.start();
        return server;
    }
}
