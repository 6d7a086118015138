package dev.podcastsearch.source.published;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.podcastsearch.ingest.Ingest;
import dev.podcastsearch.source.feed.IngestedFeed;
import dev.podcastsearch.support.CapturedLog;
import dev.podcastsearch.support.s3.S3rver;
import dev.podcastsearch.support.s3.S3rverResource;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.SampleFeed;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The index published to S3 (a real S3-compatible server, s3rver, through the AWS SDK): the ingest fetches the feed and
 * its files and publishes them as one object; the feed source answers from the index this instance holds, and never
 * fetches the feed; a newer object is loaded at the next check, a corrupt one refused, and an unreadable bucket leaves
 * the loaded index answering, marked stale. One story, in order: each step goes on from the state the one before left.
 */
@QuarkusTest
@WithTestResource(value = Upstreams.class, initArgs = { @ResourceArg(name = Upstreams.FEED, value = "feed"),
        @ResourceArg(name = "search.transcripts.per-refresh", value = "200") })
@WithTestResource(value = S3rverResource.class, initArgs = @ResourceArg(name = "search.index.refresh", value = "1s"))
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishedIndexTest {

    static final String ETAG = "\"feed-v1\"";
    /** Longer than search.index.refresh: the next search checks the index. */
    static final Duration CHECK_DUE = Duration.ofMillis(1300);
    static final String NEW_EPISODE = """
            <item><title>Structural Pattern Matching Arrives</title><guid>rpp-episode-4</guid>
            <itunes:episode>4</itunes:episode><pubDate>Fri, 03 Jul 2020 12:00:00 +0000</pubDate>
            <description>Match statements, explained.</description>
            <enclosure url="https://realpython.com/podcasts/rpp/4.mp3" length="1" type="audio/mpeg"/></item>""";

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @InjectUpstream("realpython")
    ScriptedUpstream feed;

    S3rver s3;

    @Inject
    Ingest ingest;

    @BeforeEach
    void apisAnswerNothing() {
        talkPython.answer(Reply.json("{\"keywords\": [], \"results\": []}"));
        pythonBytes.answer(Reply.json("{\"keywords\": [], \"episodes\": []}"));
    }

    @Test
    @Order(1)
    void beforeAnyIngestTheFeedSourceFailsSayingNoIndexIsPublished() {
        search("python").body("sources.find { it.id == 'realpython' }.status", is("failed"))
                .body("sources.find { it.id == 'realpython' }.reason", is("no index is published at s3://"
                        + S3rverResource.BUCKET + "/" + S3rverResource.KEY));
        assertThat(feed.requests()).as("the search instance fetched nothing").isEmpty();
    }

    @Test
    @Order(2)
    void theIngestPublishesTheFeedWithItsTranscriptsAndChapters() throws Exception {
        serve(SampleFeed.text(feed.baseUrl()), ETAG);

        Ingest.Report report = ingest.run(Instant.now().plusSeconds(60));

        IngestedFeed.Run run = report.feeds().get("realpython");
        assertThat(run.feed()).isEqualTo(IngestedFeed.Run.READ);
        assertThat(run.files().read()).as("files read").isEqualTo(4);
        assertThat(run.files().skipped()).as("files skipped").isZero();
        assertThat(report.feeds()).containsOnlyKeys("realpython");
        try (S3Client client = S3rver.client(s3.endpoint())) {
            assertThat(client.headObject(head -> head.bucket(S3rverResource.BUCKET).key(S3rverResource.KEY))
                    .eTag()).isEqualTo(report.etag());
        }
    }

    @Test
    @Order(3)
    void aSearchFindsAMomentInThePublishedIndexWithoutFetchingTheFeed() {
        int before = feed.requests().size();

        given().queryParam("q", "\"walrus operator\"").queryParam("category", "transcript").when().get("/search")
                .then().statusCode(200)
                .body("total", is(1))
                .body("results[0].id", is(3))
                .body("results[0].moment.start_s", is(750.5f))
                .body("results[0].moment.speaker", is("Brett"));
        assertThat(feed.requests()).as("requests to the feed's host").hasSize(before);
    }

    @Test
    @Order(4)
    void theNextIngestAsksForTheFeedConditionallyAndLeavesTheUnchangedIndexAsItIs() throws Exception {
        int before = feed.requests().size();
        int s3Before = s3.requests().size();
        String published = headEtag();

        Ingest.Report report = ingest.run(Instant.now().plusSeconds(60));

        // Within search.index.refresh of the last check: a run checks the index anyway, before anything else.
        assertThat(s3.awaitRequests(s3Before, request -> request.method().equals("GET"), Duration.ofSeconds(5)))
                .filteredOn(request -> !request.method().equals("HEAD"))
                .extracting(S3rver.Request::method, S3rver.Request::ifNoneMatch)
                .containsExactly(tuple("GET", published));
        assertThat(report.changed()).as("a new index published").isFalse();
        assertThat(report.etag()).isEqualTo(published).isEqualTo(headEtag());
        assertThat(report.feeds().get("realpython").feed()).isEqualTo(IngestedFeed.Run.NOT_MODIFIED);
        assertThat(report.feeds().get("realpython").files().read()).as("files read again").isZero();
        assertThat(feed.requests().subList(before, feed.requests().size()))
                .singleElement().satisfies(request -> assertThat(request.header("If-None-Match")).isEqualTo(ETAG));
    }

    @Test
    @Order(5)
    void anIndexPublishedSinceIsLoadedAtTheNextCheck() throws Exception {
        byte[] withoutTheNewEpisode = object();
        serve(SampleFeed.text(feed.baseUrl()).replaceFirst("<item>", NEW_EPISODE + "<item>"), "\"feed-v2\"");
        ingest.run(Instant.now().plusSeconds(60));
        search("\"pattern matching\"").body("total", is(1)).body("results[0].id", is(4));

        // Another ingest's index, older here: this instance loads whatever was published since it last looked.
        put(withoutTheNewEpisode);
        Thread.sleep(CHECK_DUE.toMillis());

        search("\"pattern matching\"").body("total", is(0))
                .body("sources.find { it.id == 'realpython' }.status", is("ok"));
    }

    @Test
    @Order(6)
    void aCorruptObjectIsRefusedOnceAndTheLoadedIndexKeepsAnswering() throws Exception {
        byte[] good = object();
        try (CapturedLog log = CapturedLog.of(PublishedIndex.class)) {
            put(Arrays.copyOf(good, good.length / 2));
            Thread.sleep(CHECK_DUE.toMillis());
            search("walrus").body("sources.find { it.id == 'realpython' }.status", is("ok"))
                    .body("sources.find { it.id == 'realpython' }", not(hasKey("stale")))
                    .body("total", is(1));
            Thread.sleep(CHECK_DUE.toMillis());
            search("walrus").body("total", is(1));

            assertThat(log.messages()).filteredOn(line -> line.contains("is refused")).singleElement().asString()
                    .contains("is refused");
        }
        put(good);
    }

    @Test
    @Order(7)
    void anUnreadableBucketLeavesTheLoadedIndexAnsweringMarkedStaleUntilItIsBack() throws Exception {
        Thread.sleep(CHECK_DUE.toMillis());
        search("walrus").body("total", is(1));
        s3.stop();
        try {
            Thread.sleep(CHECK_DUE.toMillis());
            search("walrus").body("total", is(1))
                    .body("sources.find { it.id == 'realpython' }.status", is("ok"))
                    .body("sources.find { it.id == 'realpython' }.stale", is(true));

            assertThatThrownBy(() -> ingest.run(Instant.now().plusSeconds(60))).isInstanceOf(Ingest.Failure.class)
                    .hasMessageContaining("could not be read");
        } finally {
            s3.start();
        }
        Thread.sleep(CHECK_DUE.toMillis());
        search("walrus").body("sources.find { it.id == 'realpython' }", not(hasKey("stale")));
    }

    private void serve(String text, String etag) {
        feed.answer(SampleFeed.withFiles(text, etag, Map.of()));
    }

    private String headEtag() {
        try (S3Client client = S3rver.client(s3.endpoint())) {
            return client.headObject(head -> head.bucket(S3rverResource.BUCKET).key(S3rverResource.KEY)).eTag();
        }
    }

    private byte[] object() {
        try (S3Client client = S3rver.client(s3.endpoint())) {
            return client.getObjectAsBytes(get -> get.bucket(S3rverResource.BUCKET).key(S3rverResource.KEY))
                    .asByteArray();
        }
    }

    private void put(byte[] bytes) {
        try (S3Client client = S3rver.client(s3.endpoint())) {
            client.putObject(put -> put.bucket(S3rverResource.BUCKET).key(S3rverResource.KEY),
                    RequestBody.fromBytes(bytes));
        }
    }

    private static ValidatableResponse search(String query) {
        return given().queryParam("q", query).queryParam("partial", "true").queryParam("category", "all")
                .when().get("/search").then().statusCode(200);
    }
}
