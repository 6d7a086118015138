package dev.podcastsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.PackagedFunction;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.podcastapp.RssParser;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.SampleFeed;
import dev.podcastsearch.support.upstream.ScriptedUpstream;

/**
 * The deployment package under AWS's runtime client, with the sample feed (episodes with enclosures, durations and
 * artwork) as a feed source beside the two search APIs: GET /search.rss through an HTTP API stage answers a podcast
 * feed that rss-parser reads, and 304 to its own ETag and to its own Last-Modified. One launch for all of it.
 */
@Timeout(180)
class SearchFeedIT {

    static final Duration ANSWER_LIMIT = Duration.ofSeconds(30);
    static final String HOST = "https://r4nd0m1d23.execute-api.us-east-1.amazonaws.com";
    static final ObjectMapper JSON = new ObjectMapper();

    static ScriptedUpstream feeds;
    static PackagedFunction packaged;

    @BeforeAll
    static void launchWithTheSampleFeed() throws Exception {
        feeds = ScriptedUpstream.start();
        feeds.answer(Reply.feed(SampleFeed.text(), null, null));
        packaged = PackagedFunction.launch("SearchFeedIT", launcher -> launcher
                .environment("SEARCH_SOURCES_REALPYTHON_FEED_URL", feeds.baseUrl() + "/realpython/feed")
                .environment("SEARCH_SOURCES_REALPYTHON_NAME", "The Real Python Podcast"));
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
    void theFeedOfASearchIsReadByAnIndependentParserWithEveryEpisodesEnclosure() {
        ProxyResponse answer = feed(Map.of());

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.header("content-type")).isEqualTo("application/rss+xml;charset=UTF-8");
        assertThat(answer.header("cache-control")).isEqualTo("public,max-age=900");
        assertThat(answer.header("last-modified")).isEqualTo("Fri, 26 Jun 2020 12:00:00 GMT");
        JsonNode read = RssParser.read(answer.decodedBody().getBytes(StandardCharsets.UTF_8));
        assertThat(read.get("title").asText()).isEqualTo("Podcast search: python");
        assertThat(read.get("link").asText()).as("the page of the same search, on the stage")
                .isEqualTo(HOST + "/prod/?q=python");
        assertThat(read.get("items")).hasSize(4).allSatisfy(item -> {
            assertThat(item.get("guid").asText()).startsWith("realpython:");
            assertThat(item.get("enclosure").get("url").asText()).startsWith("https://realpython.com/podcasts/rpp/");
            assertThat(item.get("enclosure").get("type").asText()).isEqualTo("audio/mpeg");
            assertThat(item.get("itunes").get("duration").asLong()).isPositive();
            assertThat(item.get("itunes").get("image").asText()).startsWith("https://realpython.com/static/");
            assertThat(item.get("isoDate").asText()).startsWith("2020-06-");
        });
    }

    @Test
    void itsOwnETagAndItsOwnLastModifiedGet304WithNoBody() {
        ProxyResponse first = feed(Map.of());

        ProxyResponse byTag = feed(Map.of("if-none-match", first.header("etag")));
        ProxyResponse byDate = feed(Map.of("if-modified-since", first.header("last-modified")));

        for (ProxyResponse unchanged : new ProxyResponse[] { byTag, byDate }) {
            assertThat(unchanged.statusCode()).isEqualTo(304);
            assertThat(unchanged.decodedBody()).isEmpty();
            assertThat(unchanged.header("etag")).isEqualTo(first.header("etag"));
            assertThat(unchanged.header("cache-control")).isEqualTo("public,max-age=900");
        }
    }

    @Test
    void aFeedSearchIsCountedAsTheFeedFace() {
        feed(Map.of());

        assertThat(packaged.function().output().lines().filter(line -> line.startsWith("{\"_aws\"")).map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }).filter(record -> record.has("Face")).map(record -> record.get("Face").asText())).contains("feed");
    }

    private static ProxyResponse feed(Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("accept", "application/rss+xml, application/xml;q=0.9, */*;q=0.8");
        return packaged.function().answer(HttpApiEvents.get("prod", "/search.rss", "q=python", all), ANSWER_LIMIT)
                .proxyResponse();
    }
}
