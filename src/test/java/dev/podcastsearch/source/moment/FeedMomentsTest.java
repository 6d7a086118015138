package dev.podcastsearch.source.moment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.support.CapturedLog;
import dev.podcastsearch.support.OpenApiContract;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.SampleFeed;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * A feed whose episodes name their transcripts (SRT, WebVTT, JSON) and chapters, searched through the Lambda path: the
 * sample feed with its files served beside it, and three more episodes whose files are unreadable, too large, and at
 * instance metadata's address. The first search answers from the feed at once; the files join the index after it.
 */
@QuarkusTest
@WithTestResource(value = Upstreams.class, initArgs = { @ResourceArg(name = Upstreams.FEED, value = "feed"),
        @ResourceArg(name = "search.transcripts.per-refresh", value = "200"),
        @ResourceArg(name = "search.transcripts.max-size", value = "64K") })
class FeedMomentsTest {

    static final Duration PASS_LIMIT = Duration.ofSeconds(30);
    static final String AUDIO_3 = "https://realpython.com/podcasts/rpp/3.mp3";
    /** What the pass logged, captured once, as the first search of this class starts the only pass. */
    static List<String> passLog;

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @InjectUpstream("realpython")
    ScriptedUpstream feed;

    @BeforeEach
    void holdToTheOpenApiDocument() {
        OpenApiContract.install(true);
    }

    @AfterEach
    void releaseTheOpenApiDocument() {
        OpenApiContract.uninstall();
    }

    @BeforeEach
    void searchOnceAndAwaitTheFiles() throws InterruptedException {
        talkPython.answer(Reply.json("{\"keywords\": [], \"results\": []}"));
        pythonBytes.answer(Reply.json("{\"keywords\": [], \"episodes\": []}"));
        if (passLog != null) {
            return;
        }
        String base = feed.baseUrl();
        String text = SampleFeed.text(base).replace("</channel>", item("malformed", base + "/malformed.json")
                + item("oversized", base + "/oversized.vtt") + item("refused", "http://169.254.169.254/latest/")
                + item("escaped", base + "/escaped.vtt") + "</channel>");
        byte[] oversized = ("WEBVTT\n\n00:01.000 --> 00:02.000\n" + "walrus ".repeat(20_000))
                .getBytes(StandardCharsets.UTF_8);
        Map<String, Reply> files = Map.of(
                "/feed", Reply.feed(text, null, null),
                "/realpython/3/transcript.srt", file("application/x-subrip", SampleFeed.file("3/transcript.srt")),
                "/realpython/3/chapters.json", file("application/json+chapters", SampleFeed.file("3/chapters.json")),
                "/realpython/2/transcript.vtt", file("text/vtt", SampleFeed.file("2/transcript.vtt")),
                "/realpython/1/transcript.json", file("application/json", SampleFeed.file("1/transcript.json")),
                "/malformed.json", file("application/json", "{\"segments\": [".getBytes(StandardCharsets.UTF_8)),
                "/oversized.vtt", file("text/vtt", oversized),
                "/escaped.vtt", file("text/vtt", ("WEBVTT\n\n00:07.000 --> 00:09.000\nNever paste"
                        + " &lt;script&gt;alert(1)&lt;/script&gt; into a narwhal\n").getBytes(StandardCharsets.UTF_8)));
        feed.answer(exchange -> files.getOrDefault(exchange.request().target(),
                Reply.status(404, "text/plain", "none")).write(exchange));
        try (CapturedLog log = CapturedLog.of(FeedMoments.class)) {
            long deadline = System.nanoTime() + PASS_LIMIT.toNanos();
            // Searched again until the pass has ended: the first search of a cold application may time out, and
            // leave the feed unfetched.
            while (log.messages().stream().noneMatch(line -> line.contains("moments searched"))) {
                assertThat(System.nanoTime()).as("the pass ended within %s", PASS_LIMIT).isLessThan(deadline);
                search("walrus operator", "transcript").statusCode(200);
                Thread.sleep(100);
            }
            passLog = log.messages();
        }
    }

    @Test
    void aPhraseSpokenInAnSrtTranscriptIsFoundWithItsMomentAndALinkThatPlaysFromThere() {
        search("\"walrus operator\"", "transcript").statusCode(200)
                .body("total", is(1))
                .body("results[0].source", is("realpython"))
                .body("results[0].id", is(3))
                .body("results[0].category", is("transcript"))
                .body("results[0].title", is("Effective Python and Python at Google Scale"))
                .body("results[0].audio_url", is(AUDIO_3))
                .body("results[0].highlights", is(List.of()))
                .body("results[0].moment.start_s", is(750.5f))
                .body("results[0].moment.end_s", is(756.0f))
                .body("results[0].moment.speaker", is("Brett"))
                .body("results[0].moment.text", is("The walrus operator surprised a lot of people at Google."))
                .body("results[0].moment.highlights", contains(List.of(4, 19)))
                .body("results[0].moment.url", is(AUDIO_3 + "#t=750.5"));
    }

    @Test
    void aPhraseSpokenInAWebVttTranscriptIsFoundWithItsSpeaker() {
        search("sprite sheet", "transcript").statusCode(200)
                .body("total", is(1))
                .body("results[0].id", is(2))
                .body("results[0].moment.start_s", is(195.0f))
                .body("results[0].moment.speaker", is("Jon Fincher"))
                .body("results[0].moment.url", is("https://realpython.com/podcasts/rpp/2.mp3#t=195"));
    }

    @Test
    void aPhraseSpokenAcrossOneWordJsonSegmentsIsFoundAtItsFirstWord() {
        search("\"keeps the docstring\"", "transcript").statusCode(200)
                .body("total", is(1))
                .body("results[0].id", is(1))
                .body("results[0].moment.start_s", is(1502.5f))
                .body("results[0].moment.speaker", is("Christopher Bailey"))
                .body("results[0].moment.url", is("https://realpython.com/podcasts/rpp/1.mp3#t=1502.5"));
    }

    @Test
    void aChaptersTitleIsFoundAsAChapterThatEndsWhereTheNextStarts() {
        search("code review culture", "chapter").statusCode(200)
                .body("total", is(1))
                .body("results[0].category", is("chapter"))
                .body("results[0].moment.text", is("Code review culture at Google"))
                .body("results[0].moment.start_s", is(1830.0f))
                .body("results[0].moment.end_s", is(2950.0f))
                .body("results[0].moment.speaker", nullValue())
                .body("results[0].moment.url", is(AUDIO_3 + "#t=1830"));
    }

    @Test
    void accentsFoldInTranscriptsAndTheCueThatSaidItGivesTheTime() {
        search("zurich CAFE", "transcript").statusCode(200)
                .body("total", is(1))
                .body("results[0].moment.text", containsString("at a café in Zürich."))
                .body("results[0].moment.start_s", is(201.5f));
    }

    @Test
    void anExcludedWordLeavesOutTheMomentsThatSayIt() {
        search("walrus", "transcript").statusCode(200).body("total", is(1));
        search("walrus -google", "transcript").statusCode(200).body("total", is(0));
    }

    @Test
    void episodeHitsHaveNoMomentAndAnEpisodeSearchFindsNoMoments() {
        search("walrus", "episode").statusCode(200).body("total", is(0));
        search("effective", "episode").statusCode(200)
                .body("results", everyItem(not(hasKey("moment"))))
                .body("results.category", everyItem(is("episode")));
    }

    /** Moments are worked out only for the hits an answer shows: paging one hit at a time shows what the whole does. */
    @Test
    void eachHitPagedToAloneIsCountedAndShownWithItsMomentAsInTheWholeAnswer() {
        ExtractableResponse<Response> whole = search("python", "all").statusCode(200)
                .body("results.findAll { it.moment != null }", not(empty())).extract();
        List<Map<String, Object>> hits = whole.path("results");
        for (int offset = 0; offset < hits.size(); offset++) {
            given().queryParam("q", "python").queryParam("category", "all").queryParam("partial", "true")
                    .queryParam("limit", 1).queryParam("offset", offset)
                    .when().get("/search").then().statusCode(200)
                    .body("total", is(whole.<Integer>path("total")))
                    .body("results", contains(hits.get(offset)));
        }
    }

    @Test
    void allFindsEpisodesTranscriptsAndChaptersTogether() {
        search("google", "all").statusCode(200)
                .body("results.category", hasItems("episode", "transcript", "chapter"));
    }

    @Test
    void anUnreadableFileIsSkippedWithOneLogLineAndItsFeedStillAnswers() {
        assertThat(passLog).filteredOn(line -> line.contains("skipped")).filteredOn(line -> line.contains("JSON"))
                .singleElement().asString()
                .startsWith("source realpython: the transcript of episode ")
                .endsWith("at 127.0.0.1 skipped until a later refresh: JSON transcript is not JSON");
        search("malformed", "episode").statusCode(200).body("total", is(1)).body("sources[1].status", is("ok"));
    }

    @Test
    void aFileOverTheSizeLimitIsSkippedWithOneLogLine() {
        assertThat(passLog).filteredOn(line -> line.contains("response larger than 64 KiB")).hasSize(1);
        search("walrus", "transcript").statusCode(200).body("results.title", contains(
                "Effective Python and Python at Google Scale"));
    }

    @Test
    void aFileAtAnAddressTheRuleRefusesIsSkippedWithOneLogLineNamingItsHost() {
        assertThat(passLog).filteredOn(line -> line.contains("169.254.169.254")).singleElement().asString()
                .endsWith("skipped until a later refresh: URL leads to an address that is not fetched");
        assertThat(passLog).filteredOn(line -> line.contains("skipped until")).hasSize(3);
        assertThat(passLog).last().asString().isEqualTo("source realpython: 5 transcript and chapters files read,"
                + " 0 unchanged, 3 skipped, 0 left for a later pass; 11 moments searched");
    }

    @Test
    void thePageShowsTheMomentUnderItsEpisodeWithItsTimeItsMarksAndALinkThatPlaysFromThere() {
        // The page is no part of the API's document.
        OpenApiContract.uninstall();
        String page = given().queryParam("q", "walrus operator").queryParam("category", "transcript").when().get("/")
                .then().statusCode(200).extract().asString();

        assertThat(page).contains("<p class=\"moment\"><a href=\"" + AUDIO_3 + "#t=750.5\">Play from"
                + " <time>12:30</time></a> <span class=\"speaker\">Brett:</span> <q>The <mark>walrus</mark> <mark>operator</mark>"
                + " surprised a lot of people at Google.</q></p>");
    }

    @Test
    void thePageEscapesAMomentsText() {
        OpenApiContract.uninstall();
        String page = given().queryParam("q", "narwhal").queryParam("category", "transcript").when().get("/")
                .then().statusCode(200).extract().asString();

        assertThat(page).contains("<q>Never paste &lt;script&gt;alert(1)&lt;/script&gt; into a <mark>narwhal</mark></q>")
                .doesNotContain("<script>");
    }

    private static String item(String title, String transcriptUrl) {
        return "<item><title>The " + title + " one</title><guid>" + title + "</guid><podcast:transcript url=\""
                + transcriptUrl + "\" type=\"text/vtt\"/></item>";
    }

    private static Reply file(String type, byte[] body) {
        return exchange -> {
            exchange.write(("HTTP/1.1 200 OK\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            exchange.write(body);
        };
    }

    private static ValidatableResponse search(String query, String category) {
        return given().queryParam("q", query).queryParam("category", category).queryParam("partial", "true")
                .when().get("/search").then();
    }
}
