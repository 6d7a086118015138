package dev.podcastsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import dev.podcastsearch.support.lambda.FunctionLauncher;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.PackagedFunction;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.upstream.PodcastApiStubs;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.SampleFeed;
import dev.podcastsearch.support.upstream.ScriptedUpstream;

/**
 * The deployment package under AWS's runtime client, with a feed source configured by its URL alone: the sample feed,
 * whose episodes name an SRT, a WebVTT and a JSON transcript and chapters, and two more episodes with an HTML and a
 * plain-text transcript, and one whose transcript is the instance's own Lambda Runtime API. A phrase spoken in each
 * is found with its moment and a link that plays from there (the episode's link where the transcript has no times);
 * the Runtime API never hears of the transcript that names it.
 */
@Timeout(180)
class MomentsIT {

    static final Duration MOMENTS_LIMIT = Duration.ofSeconds(60);
    static final String AUDIO = "https://realpython.com/podcasts/rpp/";

    static ScriptedUpstream feed;
    static PackagedFunction packaged;

    @BeforeAll
    static void launchWithAFeedWhoseEpisodesHaveTranscriptsAndAwaitThem() throws Exception {
        PackagedFunction prepared = PackagedFunction.prepare("MomentsIT", PodcastApiStubs::answerWithSamples);
        int apiPort = URI.create("http://" + prepared.runtimeApi().address()).getPort();
        feed = ScriptedUpstream.start();
        String base = feed.baseUrl();
        String text = SampleFeed.text(base).replace("</channel>",
                item("html", "https://example.com/html/", base + "/html", "text/html")
                + item("plain", "https://example.com/plain/", base + "/plain", "text/plain")
                + item("runtime", null, "http://127.0.0.1:" + apiPort
                        + "/2018-06-01/runtime/invocation/next?taken-by=transcript", "text/vtt")
                + "</channel>");
        Map<String, Reply> files = Map.of(
                "/feed", Reply.feed(text, null, null),
                "/realpython/3/transcript.srt", file(SampleFeed.file("3/transcript.srt")),
                "/realpython/3/chapters.json", file(SampleFeed.file("3/chapters.json")),
                "/realpython/2/transcript.vtt", file(SampleFeed.file("2/transcript.vtt")),
                "/realpython/1/transcript.json", file(SampleFeed.file("1/transcript.json")),
                "/html", file("<html><body><cite>Host:</cite><p>Today the pelican migration explained.</p></body></html>"
                        .getBytes(StandardCharsets.UTF_8)),
                "/plain", file("Nothing but text about a quokka sanctuary.".getBytes(StandardCharsets.UTF_8)));
        feed.answer(exchange -> files.getOrDefault(exchange.request().target(),
                Reply.status(404, "text/plain", "none")).write(exchange));
        packaged = prepared.launch(FunctionLauncher.forPackage(PackagedFunction.PACKAGE), launcher -> launcher
                .environment("SEARCH_SOURCES_REALPYTHON_FEED_URL", base + "/feed"));
        long deadline = System.nanoTime() + MOMENTS_LIMIT.toNanos();
        // The first search fetches the feed and answers from it at once; the files join the index after it.
        while (search("walrus operator", "transcript").get("total").asInt() == 0) {
            assertThat(System.nanoTime()).as("the moments were searched within %s", MOMENTS_LIMIT).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] { packaged, feed }) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void aPhraseSpokenInAnSrtTranscriptPlaysFromItsCue() {
        JsonNode moment = onlyMoment("\"walrus operator\"", "transcript", 3);

        assertThat(moment.get("start_s").asDouble()).isEqualTo(750.5);
        assertThat(moment.get("speaker").asText()).isEqualTo("Brett");
        assertThat(moment.get("url").asText()).isEqualTo(AUDIO + "3.mp3#t=750.5");
    }

    @Test
    void aPhraseSpokenInAWebVttTranscriptPlaysFromItsCue() {
        JsonNode moment = onlyMoment("\"sprite sheet\"", "transcript", 2);

        assertThat(moment.get("speaker").asText()).isEqualTo("Jon Fincher");
        assertThat(moment.get("url").asText()).isEqualTo(AUDIO + "2.mp3#t=195");
    }

    @Test
    void aPhraseSpokenInAJsonTranscriptPlaysFromItsFirstWord() {
        JsonNode moment = onlyMoment("\"keeps the docstring\"", "transcript", 1);

        assertThat(moment.get("text").asText()).contains("keeps the docstring");
        assertThat(moment.get("highlights").toString()).isEqualTo("[[52,71]]");
        assertThat(moment.get("url").asText()).isEqualTo(AUDIO + "1.mp3#t=1502.5");
    }

    @Test
    void aChapterPlaysFromItsStart() {
        JsonNode moment = onlyMoment("\"code review culture\"", "chapter", 3);

        assertThat(moment.get("end_s").asDouble()).isEqualTo(2950.0);
        assertThat(moment.get("url").asText()).isEqualTo(AUDIO + "3.mp3#t=1830");
    }

    @Test
    void aPhraseInAnHtmlTranscriptIsFoundWithoutTimesAndLinksToItsEpisode() {
        JsonNode moment = onlyMoment("\"pelican migration\"", "transcript", -1);

        assertThat(moment.get("start_s").isNull()).isTrue();
        assertThat(moment.get("speaker").asText()).isEqualTo("Host");
        assertThat(moment.get("url").asText()).isEqualTo("https://example.com/html/");
    }

    @Test
    void aPhraseInAPlainTextTranscriptIsFoundWithoutTimesAndLinksToItsEpisode() {
        JsonNode moment = onlyMoment("\"quokka sanctuary\"", "transcript", -1);

        assertThat(moment.get("start_s").isNull()).isTrue();
        assertThat(moment.get("url").asText()).isEqualTo("https://example.com/plain/");
    }

    @Test
    void aTranscriptAtTheRuntimeApiIsNeverFetched() {
        assertThat(packaged.runtimeApi().protocolViolations()).isEmpty();
        assertThat(packaged.function().output())
                .contains("the transcript of episode")
                .contains("at 127.0.0.1 skipped until a later refresh: URL leads to an address that is not fetched")
                .doesNotContain("taken-by");
    }

    /** The only hit of {@code query} in {@code category}, of episode {@code id} (any when -1), and its moment. */
    private static JsonNode onlyMoment(String query, String category, long id) {
        JsonNode body = search(query, category);
        assertThat(body.get("results")).as("results of %s", query).hasSize(1);
        JsonNode hit = body.get("results").get(0);
        assertThat(hit.get("category").asText()).isEqualTo(category);
        if (id >= 0) {
            assertThat(hit.get("id").asLong()).isEqualTo(id);
        }
        return hit.get("moment");
    }

    private static JsonNode search(String query, String category) {
        ProxyResponse answer = packaged.proxyResponse(HttpApiEvents.search(Map.of("q", query, "category", category,
                "partial", "true")));
        assertThat(answer.statusCode()).as("status of %s", query).isEqualTo(200);
        return answer.json();
    }

    private static String item(String title, String link, String transcriptUrl, String type) {
        return "<item><title>The " + title + " one</title><guid>" + title + "</guid>"
                + (link == null ? "" : "<link>" + link + "</link>")
                + "<podcast:transcript url=\"" + transcriptUrl.replace("&", "&amp;") + "\" type=\"" + type + "\"/>"
                + "</item>";
    }

    private static Reply file(byte[] body) {
        return exchange -> {
            exchange.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            exchange.write(body);
        };
    }
}
