package dev.podcastsearch.source.feed;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.support.OpenApiContract;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.PodcastApiStubs;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.SampleFeed;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * A feed source configured beside the two API sources, searched through the Lambda path: the sample feed (the one dev
 * mode serves) with its quirks, and the API sources answering their pydantic samples whatever the query.
 */
@QuarkusTest
@WithTestResource(value = Upstreams.class, initArgs = @ResourceArg(name = Upstreams.FEED, value = "feed"))
class FeedSearchTest {

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @InjectUpstream("realpython")
    ScriptedUpstream feed;

    @Inject
    FeedCopiesAtSnapshot snapshotHook;

    /** Every exchange here is held to the OpenAPI document: a feed's hits, with all they say, are what it names. */
    @BeforeEach
    void holdToTheOpenApiDocument() {
        OpenApiContract.install(true);
    }

    @AfterEach
    void releaseTheOpenApiDocument() {
        OpenApiContract.uninstall();
    }

    @BeforeEach
    void answerSamples() {
        talkPython.answer(Reply.json(PodcastApiStubs.sample(TALK_PYTHON, "pydantic")));
        pythonBytes.answer(Reply.json(PodcastApiStubs.sample(PYTHON_BYTES, "pydantic")));
        feed.answer(Reply.feed(SampleFeed.text(), "\"sample-1\"", null));
    }

    @Test
    void oneSearchAnswersFromAllThreeSourcesInterleaved() {
        search("python").statusCode(200)
                .body("complete", is(true))
                .body("sources.id", contains("pythonbytes", "realpython", "talkpython"))
                .body("sources.name", contains("Python Bytes", "The Real Python Podcast", "Talk Python To Me"))
                .body("sources.status", everyItem(is("ok")))
                .body("sources.result_count", contains(2, 4, 3))
                .body("total", is(9))
                .body("results.source", contains("pythonbytes", "realpython", "talkpython", "pythonbytes", "realpython",
                        "talkpython", "realpython", "talkpython", "realpython"))
                .body("results", everyItem(hasKey("published")))
                .body("results.category", everyItem(is("episode")));
    }

    @Test
    void feedHitsAreUnifiedWithTheirEpisodeNumberAndDate() {
        apiSourcesFindNothing();
        search("effective").statusCode(200)
                .body("results", hasSize(1))
                .body("results[0].source", is("realpython"))
                .body("results[0].id", is(3))
                .body("results[0].category", is("episode"))
                .body("results[0].title", is("Effective Python and Python at Google Scale"))
                .body("results[0].url", is("https://realpython.com/podcasts/rpp/3/"))
                .body("results[0].published", is("2020-06-26T12:00:00Z"));
    }

    @Test
    void feedHitsSayWhatTheEpisodeIs() {
        apiSourcesFindNothing();
        search("effective").statusCode(200)
                .body("results[0].audio_url", is("https://realpython.com/podcasts/rpp/3.mp3"))
                .body("results[0].audio_type", is("audio/mpeg"))
                .body("results[0].duration_s", is(3332))
                .body("results[0].image", is("https://realpython.com/static/podcasts/rpp-3.jpg"))
                .body("results[0].episode", is(3))
                .body("results[0].season", is(1))
                .body("results[0].episode_type", is("full"))
                .body("results[0].transcript_url", is("https://realpython.com/podcasts/rpp/3/transcript.srt"))
                .body("results[0].chapters_url", is("https://realpython.com/podcasts/rpp/3/chapters.json"))
                .body("results[0].persons.name", contains("Christopher Bailey", "Brett Slatkin"))
                .body("results[0].persons.role", contains("host", "guest"))
                .body("results[0].persons.link", contains("https://realpython.com/team/cbailey/",
                        "https://www.onebigfluke.com/"));
    }

    @Test
    void whatAFeedDoesNotSayIsNull() {
        apiSourcesFindNothing();
        search("trailer").statusCode(200)
                .body("results[0].episode_type", is("trailer"))
                .body("results[0]", allOf(hasEntry("episode", null), hasEntry("season", null),
                        hasEntry("transcript_url", null), hasEntry("chapters_url", null)));
    }

    @Test
    void theSearchApisSayNoneOfWhatTheEpisodeIs() {
        search("python").statusCode(200)
                .body("results.findAll { it.source != 'realpython' }", hasSize(5))
                .body("results.findAll { it.source != 'realpython' }", everyItem(allOf(hasEntry("audio_url", null),
                        hasEntry("audio_type", null), hasEntry("duration_s", null), hasEntry("image", null),
                        hasEntry("episode", null), hasEntry("season", null), hasEntry("episode_type", null),
                        hasEntry("transcript_url", null), hasEntry("chapters_url", null), hasEntry("persons", null))));
    }

    @Test
    void htmlInTheDescriptionIsAnsweredAsPlainTextWithoutScripts() {
        apiSourcesFindNothing();
        search("slatkin").statusCode(200)
                .body("results[0].description", is("Brett Slatkin talks about the second edition of his book Effective"
                        + " Python, about decorators & comprehensions, and about how Python is used at Google scale."));
        // The script's text is neither shown nor searched.
        search("alert").statusCode(200).body("results", hasSize(0));
    }

    @Test
    void itemWithoutEpisodeNumberGetsTheIdDerivedFromItsGuid() {
        apiSourcesFindNothing();
        search("trailer").statusCode(200)
                .body("results", hasSize(1))
                .body("results[0].id", is(FeedParser.idOf("rpp-trailer")))
                .body("results[0].published", is("2020-06-08T12:00:00Z"));
        assertThat(FeedParser.idOf("rpp-trailer")).isPositive().isLessThan(1L << 53);
    }

    @Test
    void javascriptLinkIsLeftOutAndTheRestOfTheHitKept() {
        apiSourcesFindNothing();
        search("games").statusCode(200)
                .body("results", hasSize(1))
                .body("results[0].id", is(2))
                .body("results[0].title", is("Learn Python Skills While Creating Games"))
                .body("results[0]", hasKey("url"))
                .body("results[0].url", nullValue());
    }

    @Test
    void termsMatchInAnyCaseAndWithoutAccents() {
        apiSourcesFindNothing();
        search("CAFE chats").statusCode(200)
                .body("results.title", contains("Welcome to The Real Python Podcast: Café-Style Chats About Python"));
    }

    @Test
    void everyTermMustMatch() {
        apiSourcesFindNothing();
        search("decorators games").statusCode(200).body("total", is(0));
    }

    @Test
    void titleMatchesRankBeforeDescriptionMatches() {
        apiSourcesFindNothing();
        // Episode 1 has "decorators" in its title, episode 3 only in its description, though it is newer.
        search("decorators").statusCode(200).body("results.id", contains(1, 3));
    }

    @Test
    void equalScoresRankNewestFirst() {
        apiSourcesFindNothing();
        // Episodes 3, 2, 1 each have "python" in title and description; the trailer only in its title.
        search("python").statusCode(200)
                .body("results.id", contains((Object) 3, 2, 1, FeedParser.idOf("rpp-trailer")));
    }

    @Test
    void aQuotedPhraseAnExclusionAndAPrefixAreReadAsSuch() {
        apiSourcesFindNothing();
        search("\"python skills\"").statusCode(200).body("results.id", contains(2));
        search("python -games -decorators").statusCode(200)
                .body("results.id", contains(FeedParser.idOf("rpp-trailer")));
        search("comprehens*").statusCode(200).body("results.id", contains(3));
        search("\"python skills").statusCode(200).body("results.id", contains(2));
    }

    @Test
    void feedHitsSayWhereTheQueryMatchedAsTextWithRanges() {
        apiSourcesFindNothing();
        search("decorators").statusCode(200)
                .body("results[0].highlights.field", contains("title", "description"))
                .body("results[0].highlights[0].text", is("Python Decorators and Writing a CLI with Click"))
                .body("results[0].highlights[0].marks", contains(contains(7, 17)))
                .body("results[0].highlights[1].marks", contains(contains(4, 14)))
                .body("results[1].highlights.field", contains("description"));
    }

    @Test
    void apiHitsHaveNoHighlights() {
        search("python").statusCode(200)
                .body("results.findAll { it.source != 'realpython' }", everyItem(not(hasKey("highlights"))))
                .body("results.findAll { it.source == 'realpython' }", everyItem(hasKey("highlights")));
    }

    @Test
    void secondSearchWithinRefreshMakesNoRequest() {
        apiSourcesFindNothing();
        search("python").statusCode(200);
        feed.answer(Reply.status(500, "text/plain", "must not be asked"));

        search("click").statusCode(200)
                .body("sources.find { it.id == 'realpython' }.status", is("ok"))
                .body("sources.find { it.id == 'realpython' }", not(hasKey("stale")))
                .body("results.id", contains(1));
        assertThat(feed.requests()).isEmpty();
    }

    /** As Lambda's runtime client calls it after a SnapStart restore: the copy is asked for again, conditionally. */
    @Test
    void afterASnapshotRestoreTheFirstSearchAsksForTheFeedAgainConditionally() {
        apiSourcesFindNothing();
        search("click").statusCode(200).body("results.id", contains(1));
        feed.answer(Reply.notModified("\"sample-1\""));

        snapshotHook.afterRestore(null);
        search("click").statusCode(200).body("results.id", contains(1));
        search("click").statusCode(200).body("results.id", contains(1));

        assertThat(feed.requests()).hasSize(1);
        assertThat(feed.requests().get(0).header("If-None-Match")).isEqualTo("\"sample-1\"");
    }

    private void apiSourcesFindNothing() {
        talkPython.answer(Reply.json(PodcastApiStubs.sample(TALK_PYTHON, "no-hits")));
        pythonBytes.answer(Reply.json(PodcastApiStubs.sample(PYTHON_BYTES, "no-hits")));
    }

    private static ValidatableResponse search(String query) {
        return given().queryParam("q", query).queryParam("category", "episode").when().get("/search").then();
    }
}
