package dev.podcastsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.PackagedFunction;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.PodcastApiStubs;
import dev.podcastsearch.support.upstream.ScriptedUpstream;

/**
 * The deployment package, under AWS's runtime client, with six feed sources added by environment variable alone, each
 * a feed as a host writes it with one quirk (src/test/resources/feeds/): each is answered with the titles, links and
 * dates a podcast app shows, and the cut-off one fails as cut off. One launch for all of them.
 */
@Timeout(180)
class FeedQuirksIT {

    static final Duration ANSWER_LIMIT = Duration.ofSeconds(30);
    /** Source id, the sample feed it is configured with. */
    static final Map<String, String> FEEDS = Map.of(
            "megaphone", "megaphone-named-zone.xml",
            "libsyn", "libsyn-wrong-weekday.xml",
            "buzzsprout", "buzzsprout-whitespace-before-declaration.xml",
            "powerpress", "powerpress-windows-1252.xml",
            "podbean", "podbean-html-entities.xml",
            "acast", "acast-cut-off.xml");

    static PodcastApiStubs stubs;
    static ScriptedUpstream feeds;
    static LambdaRuntimeApi runtimeApi;
    static RunningFunction function;
    static PackagedFunction packaged;
    static JsonNode cutOffOnFirstSearch;

    @BeforeAll
    static void launchWithSixFeedSources() throws Exception {
        feeds = ScriptedUpstream.start();
        // Each feed's bytes exactly as stored, whatever their encoding, at /feeds/<file>.
        feeds.answer(exchange -> {
            String file = exchange.request().target().substring("/feeds/".length());
            byte[] body = bytes(file);
            exchange.write(("HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            exchange.write(body);
        });
        packaged = PackagedFunction.launch("FeedQuirksIT", launcher -> {
            FEEDS.forEach((id, file) -> launcher.environment(
                    "SEARCH_SOURCES_" + id.toUpperCase(Locale.ROOT) + "_FEED_URL", feeds.baseUrl() + "/feeds/" + file));
            return launcher;
        });
        stubs = packaged.stubs();
        runtimeApi = packaged.runtimeApi();
        function = packaged.function();
        // The first search, before repeated failures suspend the cut-off feed's source.
        cutOffOnFirstSearch = statusOf(search("derby"), "acast");
    }

    @AfterAll
    static void stop() throws Exception {
        if (packaged != null) {
            packaged.close();
        }
        if (feeds != null) {
            feeds.close();
        }
    }

    @Test
    void aNamedZoneIsReadAsRfc822ReadsIt() {
        JsonNode hit = onlyHit("night shift", "megaphone");

        assertThat(hit.get("title").asText()).isEqualTo("Harbor Lights: The Night Shift");
        assertThat(hit.get("published").asText()).isEqualTo("2019-10-01T22:30:00Z");
        assertThat(hit.get("id").asLong()).isEqualTo(3);
    }

    @Test
    void aWrongWeekdayIsIgnored() {
        JsonNode hit = onlyHit("winter pruning", "libsyn");

        assertThat(hit.get("published").asText()).isEqualTo("2010-12-23T01:30:00Z");
        assertThat(hit.get("url").asText()).isEqualTo("https://gardeninghour.example.com/winter-pruning-for-roses");
    }

    @Test
    void whitespaceBeforeTheDeclarationIsRead() {
        JsonNode hit = onlyHit("ultramarathon", "buzzsprout");

        assertThat(hit.get("title").asText()).isEqualTo("Ultramarathon Nutrition with a Sports Dietitian");
        assertThat(hit.get("published").asText()).isEqualTo("2019-10-01T14:00:00Z");
    }

    @Test
    void windows1252BytesUnderAnIso88591LabelAreReadAsBrowsersReadThem() {
        JsonNode hit = onlyHit("senior night", "powerpress");

        assertThat(hit.get("title").asText()).isEqualTo("Men’s Basketball: Senior Night");
        assertThat(hit.get("description").asText()).isEqualTo("Coach Álvarez on the seniors’ last home game.");
        assertThat(hit.get("published").asText()).isEqualTo("2019-03-01T23:00:00Z");
    }

    @Test
    void htmlEntitiesAreRead() {
        JsonNode hit = onlyHit("creme", "podbean");

        assertThat(hit.get("title").asText()).isEqualTo("Café Crème — Steaming Milk at Home");
        assertThat(hit.get("published").asText()).isEqualTo("2019-10-01T10:00:00Z");
    }

    @Test
    void aCutOffFeedFailsItsSourceAsCutOff() {
        JsonNode acast = cutOffOnFirstSearch;

        assertThat(acast.get("status").asText()).isEqualTo("failed");
        assertThat(acast.get("reason").asText()).isEqualTo("feed is cut off: it ends before its last element is closed");
    }

    /** The only hit of a partial search, which must come from {@code source}, every feed but the cut-off one ok. */
    private static JsonNode onlyHit(String query, String source) {
        JsonNode body = search(query);
        for (String id : FEEDS.keySet()) {
            if (!id.equals("acast")) {
                assertThat(statusOf(body, id).get("status").asText()).as(id).isEqualTo("ok");
            }
        }
        assertThat(body.get("results")).as("results of %s", query).hasSize(1);
        JsonNode hit = body.get("results").get(0);
        assertThat(hit.get("source").asText()).isEqualTo(source);
        return hit;
    }

    private static JsonNode search(String query) {
        ProxyResponse answer = function.answer(HttpApiEvents.search(Map.of("q", query, "partial", "true")), ANSWER_LIMIT)
                .proxyResponse();
        assertThat(answer.statusCode()).as("status of %s", query).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode statusOf(JsonNode body, String source) {
        for (JsonNode summary : body.get("sources")) {
            if (summary.get("id").asText().equals(source)) {
                return summary;
            }
        }
        throw new AssertionError("no source " + source + " in " + body);
    }

    private static byte[] bytes(String file) {
        try (InputStream in = FeedQuirksIT.class.getClassLoader().getResourceAsStream("feeds/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no test feed feeds/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
