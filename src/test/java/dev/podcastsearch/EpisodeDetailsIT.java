package dev.podcastsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import dev.podcastsearch.support.JsonTexts;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.PackagedFunction;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.PodcastApiStubs;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.SampleFeed;
import dev.podcastsearch.support.upstream.ScriptedUpstream;

/**
 * The deployment package under AWS's runtime client, with two feed sources added by environment variable: the sample
 * feed, whose hits say what each episode is (audio, duration, artwork, numbers, type, transcript, chapters, persons),
 * and a hostile feed, whose javascript: links, crowd of persons and durations that are none are refused or bounded.
 * The search APIs' hits carry every new field, null. One launch for all of it.
 */
@Timeout(180)
class EpisodeDetailsIT {

    static final Duration ANSWER_LIMIT = Duration.ofSeconds(30);
    static final List<String> DETAILS = List.of("audio_url", "audio_type", "duration_s", "image", "episode", "season",
            "episode_type", "transcript_url", "chapters_url", "persons");
    static final int CROWD = 5_000;

    static PodcastApiStubs stubs;
    static ScriptedUpstream feeds;
    static LambdaRuntimeApi runtimeApi;
    static RunningFunction function;
    static PackagedFunction packaged;

    @BeforeAll
    static void launchWithTheSampleAndAHostileFeed() throws Exception {
        feeds = ScriptedUpstream.start();
        Reply sample = Reply.feed(SampleFeed.text(), null, null);
        Reply hostile = Reply.feed(hostileFeed(), null, null);
        feeds.answer(exchange -> (exchange.request().target().startsWith("/hostile") ? hostile : sample).write(exchange));
        packaged = PackagedFunction.launch("EpisodeDetailsIT", launcher -> launcher
                .environment("SEARCH_SOURCES_REALPYTHON_FEED_URL", feeds.baseUrl() + "/realpython/feed")
                .environment("SEARCH_SOURCES_REALPYTHON_NAME", "The Real Python Podcast")
                .environment("SEARCH_SOURCES_HOSTILE_FEED_URL", feeds.baseUrl() + "/hostile/feed")
                // The sample's transcripts are at the podcast's own site, which no test fetches (MomentsIT serves them).
                .environment("SEARCH_TRANSCRIPTS_PER_REFRESH", "0"));
        stubs = packaged.stubs();
        runtimeApi = packaged.runtimeApi();
        function = packaged.function();
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
    void aFeedHitSaysEverythingItsItemSays() {
        JsonNode hit = onlyHit("effective python", "realpython");

        assertThat(hit.get("audio_url").asText()).isEqualTo("https://realpython.com/podcasts/rpp/3.mp3");
        assertThat(hit.get("audio_type").asText()).isEqualTo("audio/mpeg");
        assertThat(hit.get("duration_s").asLong()).isEqualTo(55 * 60 + 32);
        assertThat(hit.get("image").asText()).isEqualTo("https://realpython.com/static/podcasts/rpp-3.jpg");
        assertThat(hit.get("episode").asLong()).isEqualTo(3);
        assertThat(hit.get("season").asLong()).isEqualTo(1);
        assertThat(hit.get("episode_type").asText()).isEqualTo("full");
        assertThat(hit.get("transcript_url").asText()).isEqualTo("https://realpython.com/podcasts/rpp/3/transcript.srt");
        assertThat(hit.get("chapters_url").asText()).isEqualTo("https://realpython.com/podcasts/rpp/3/chapters.json");
        assertThat(hit.get("persons").toString()).isEqualTo("[{\"name\":\"Christopher Bailey\",\"role\":\"host\","
                + "\"link\":\"https://realpython.com/team/cbailey/\"},{\"name\":\"Brett Slatkin\",\"role\":\"guest\","
                + "\"link\":\"https://www.onebigfluke.com/\"}]");
    }

    @Test
    void anItemWithoutArtworkOrPersonsOfItsOwnHasTheChannels() {
        JsonNode hit = onlyHit("click", "realpython");

        assertThat(hit.get("image").asText()).isEqualTo("https://realpython.com/static/podcast-cover.jpg");
        assertThat(JsonTexts.of(hit.get("persons").findValues("name"))).containsExactly("Christopher Bailey");
        assertThat(hit.get("duration_s").asLong()).isEqualTo(2718);
    }

    @Test
    void aTrailerSaysSoAndHasNoNumber() {
        JsonNode hit = onlyHit("trailer", "realpython");

        assertThat(hit.get("episode_type").asText()).isEqualTo("trailer");
        assertThat(hit.get("episode").isNull()).isTrue();
        assertThat(hit.get("season").isNull()).isTrue();
        assertThat(hit.get("duration_s").asLong()).isEqualTo(126);
    }

    @Test
    void javascriptLinksAreRefusedAndTheHitKept() {
        JsonNode games = onlyHit("games", "realpython");
        JsonNode hostile = onlyHit("hostile", "hostile");

        assertThat(games.get("url").isNull()).isTrue();
        assertThat(games.get("image").asText()).as("the channel's, not javascript:")
                .isEqualTo("https://realpython.com/static/podcast-cover.jpg");
        assertThat(games.get("persons").get(0).get("link").isNull()).isTrue();
        for (String link : List.of("audio_url", "audio_type", "image", "transcript_url", "chapters_url")) {
            assertThat(hostile.get(link).isNull()).as(link).isTrue();
        }
        assertThat(hostile.get("persons").findValues("link")).allSatisfy(link -> assertThat(link.isNull()).isTrue());
    }

    @Test
    void aCrowdOfPersonsIsBoundedAndAnOverlongNameLeftOut() {
        JsonNode hostile = onlyHit("hostile", "hostile");

        assertThat(JsonTexts.of(hostile.get("persons").findValues("name"))).hasSize(20)
                .startsWith("Guest 0", "Guest 1").endsWith("Guest 19");
    }

    @Test
    void valuesThatAreNotNumbersOrTypesAreNull() {
        JsonNode hostile = onlyHit("hostile", "hostile");
        JsonNode odd = onlyHit("oddly", "hostile");

        for (String field : List.of("duration_s", "episode", "season", "episode_type")) {
            assertThat(hostile.get(field).isNull()).as(field).isTrue();
        }
        assertThat(odd.get("duration_s").asLong()).isEqualTo(3724);
        assertThat(odd.get("episode_type").asText()).isEqualTo("bonus");
        assertThat(odd.get("episode").asLong()).isEqualTo(7);
        assertThat(odd.get("persons").isNull()).as("neither the item nor the channel names any").isTrue();
    }

    @Test
    void theSearchApisHitsCarryEveryNewFieldAsNull() {
        JsonNode body = search("pydantic");

        assertThat(body.get("results")).isNotEmpty().allSatisfy(hit -> {
            assertThat(hit.get("source").asText()).isIn("talkpython", "pythonbytes");
            for (String field : DETAILS) {
                assertThat(hit.has(field)).as(field).isTrue();
                assertThat(hit.get(field).isNull()).as(field).isTrue();
            }
        });
    }

    /**
     * One item whose every detail is hostile or garbage, with a crowd of persons (the first 20 named "Guest n") and
     * one whose name is longer than any, and one item whose details are odd but usable.
     */
    private static String hostileFeed() {
        StringBuilder crowd = new StringBuilder("<podcast:person>" + "x".repeat(100_000) + "</podcast:person>");
        for (int i = 0; i < CROWD; i++) {
            crowd.append("<podcast:person role=\"guest\" href=\"javascript:alert(").append(i).append(")\">Guest ")
                    .append(i).append("</podcast:person>");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""
                + " xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"><channel><title>Hostile</title>"
                + "<itunes:image href=\"javascript:alert(document.domain)\"/>"
                + "<item><title>A hostile episode</title><guid>hostile-1</guid>"
                + "<enclosure url=\"javascript:alert(document.domain)\" length=\"1\" type=\"audio/mpeg\"/>"
                + "<enclosure url=\"data:audio/mpeg;base64,AAAA\" type=\"audio/mpeg\"/>"
                + "<itunes:duration>forever</itunes:duration>"
                + "<itunes:image href=\"data:image/svg+xml,&lt;svg onload=alert(1)&gt;\"/>"
                + "<itunes:episode>NaN</itunes:episode><podcast:episode>1e9</podcast:episode>"
                + "<itunes:season>-1</itunes:season>"
                + "<itunes:episodeType>&lt;script&gt;alert(1)&lt;/script&gt;</itunes:episodeType>"
                + "<podcast:transcript url=\"javascript:alert(1)\" type=\"text/vtt\"/>"
                + "<podcast:transcript url=\"file:///etc/passwd\" type=\"text/plain\"/>"
                + "<podcast:chapters url=\"//evil.example/chapters.json\" type=\"application/json+chapters\"/>"
                + crowd + "</item>"
                + "<item><title>An oddly written episode</title><guid>hostile-2</guid>"
                + "<itunes:duration>\n  1:02:03.7  \n</itunes:duration><itunes:episodeType> Bonus </itunes:episodeType>"
                + "<itunes:episode>007</itunes:episode></item>"
                + "</channel></rss>";
    }

    /** The only hit of a search for {@code query}, which must come from {@code source}; every source answered. */
    private static JsonNode onlyHit(String query, String source) {
        JsonNode body = search(query);
        assertThat(JsonTexts.of(body.get("sources").findValues("status"))).as("statuses").containsOnly("ok");
        assertThat(body.get("results")).as("results of %s", query).hasSize(1);
        JsonNode hit = body.get("results").get(0);
        assertThat(hit.get("source").asText()).isEqualTo(source);
        return hit;
    }

    private static JsonNode search(String query) {
        ProxyResponse answer = function.answer(HttpApiEvents.search(Map.of("q", query, "category", "episode")),
                ANSWER_LIMIT).proxyResponse();
        assertThat(answer.statusCode()).as("status of %s", query).isEqualTo(200);
        assertThat(answer.body().getBytes(StandardCharsets.UTF_8).length).as("the crowd is not echoed")
                .isLessThan(100_000);
        return answer.json();
    }
}
