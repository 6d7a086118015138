package dev.podcastsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.support.EmfRecords;
import dev.podcastsearch.support.lambda.FunctionLauncher;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.Invocation;
import dev.podcastsearch.support.lambda.InvocationResult;
import dev.podcastsearch.support.lambda.PackagedFunction;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.s3.S3rver;
import dev.podcastsearch.support.s3.S3rverResource;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.SampleFeed;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The published index with the deployment package as two functions under AWS's runtime client, as deployed: the ingest
 * (its own handler) and the search function, both with {@code SEARCH_INDEX_LOCATION} at a bucket of s3rver and the same
 * feed source, the sample feed with its transcripts and chapters. The ingest publishes; a search function started
 * after it loads the index at init and answers moments without fetching the feed or any file; it checks the index
 * again with a conditional GET, loads a newer one, refuses a corrupt one and answers stale while the bucket is down;
 * an ingest run that fails, at publishing or killed halfway, publishes nothing. What reached the bucket is s3rver's
 * record of the requests it answered. One story, in order: each step goes on from the state the one before left.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PublishedIndexIT {

    static final String OBJECT_PATH = "/" + S3rverResource.BUCKET + "/" + S3rverResource.KEY;
    static final String LOADED = "published index loaded from";
    /** Longer than the search function's SEARCH_INDEX_REFRESH: its next search checks the index. */
    static final Duration CHECK_DUE = Duration.ofMillis(1300);
    /** A bound on how long a search function takes to show what a new index holds; not a timing. */
    static final Duration NEW_INDEX_LIMIT = Duration.ofSeconds(20);
    /** How long s3rver's record of a request may lag behind its answer. */
    static final Duration RECORD_LIMIT = Duration.ofSeconds(5);
    /** The ingest's invocation deadline: its run starts no fetch in the last minute of it. */
    static final Duration INGEST_DEADLINE = Duration.ofMinutes(5);
    static final Duration INGEST_LIMIT = Duration.ofSeconds(60);
    static final String AUDIO = "https://realpython.com/podcasts/rpp/";
    static final ObjectMapper JSON = new ObjectMapper();

    /** What an operator sends by hand: {@code aws lambda invoke --payload '{}'}. */
    static final String BY_HAND = "{}";
    /** An EventBridge Scheduler schedule's input, made of its context attributes. */
    static final String SCHEDULER = """
            {"schedule_arn": "arn:aws:scheduler:us-east-1:123456789012:schedule/default/podcast-search-ingest",
             "scheduled_time": "2026-01-01T00:15:00Z", "execution_id": "d4a1b2c3-0000-4000-8000-000000000001",
             "attempt_number": "1"}""";
    /** What an EventBridge rule's schedule sends. */
    static final String SCHEDULED_EVENT = """
            {"version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa", "detail-type": "Scheduled Event",
             "source": "aws.events", "account": "123456789012", "time": "2026-01-01T00:30:00Z", "region": "us-east-1",
             "resources": ["arn:aws:events:us-east-1:123456789012:rule/podcast-search-ingest"], "detail": {}}""";

    static final String EPISODE_4 = """
            <item><title>Structural Pattern Matching Arrives</title><guid>rpp-episode-4</guid>
            <itunes:episode>4</itunes:episode><pubDate>Fri, 03 Jul 2020 12:00:00 +0000</pubDate>
            <description>Match statements, explained.</description>
            <podcast:transcript url="BASE/realpython/4/transcript.vtt" type="text/vtt"/>
            <enclosure url="https://realpython.com/podcasts/rpp/4.mp3" length="1" type="audio/mpeg"/></item>""";
    static final String EPISODE_4_TRANSCRIPT = """
            WEBVTT

            00:02:05.000 --> 00:02:09.000
            <v Christopher Bailey>Structural pattern matching arrives with the match statement.
            """;
    static final String EPISODE_5 = """
            <item><title>Quantum Teleportation for Pythonistas</title><guid>rpp-episode-5</guid>
            <itunes:episode>5</itunes:episode><pubDate>Fri, 10 Jul 2020 12:00:00 +0000</pubDate>
            <description>Qubits, briefly.</description>TRANSCRIPT
            <enclosure url="https://realpython.com/podcasts/rpp/5.mp3" length="1" type="audio/mpeg"/></item>""";

    static S3rver s3;
    static ScriptedUpstream feed;
    static PackagedFunction ingest;
    static PackagedFunction search;
    static Map<String, String> deployment;
    static String publishedEtag;

    @BeforeAll
    static void startTheBucketTheFeedAndTheIngest() throws Exception {
        s3 = S3rver.launch(S3rverResource.BUCKET);
        feed = ScriptedUpstream.start();
        serve(SampleFeed.text(feed.baseUrl()), "\"v1\"", Map.of());
        // What both functions are given in the template: the index's location, the same sources; and here the SDK's
        // endpoint and s3rver's credentials, which on Lambda come from the function's role.
        deployment = Map.of(
                "SEARCH_INDEX_LOCATION", "s3://" + S3rverResource.BUCKET + "/" + S3rverResource.KEY,
                "AWS_ENDPOINT_URL_S3", s3.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", S3rver.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3rver.SECRET_KEY,
                "SEARCH_SOURCES_REALPYTHON_FEED_URL", feed.baseUrl() + "/feed");
        ingest = PackagedFunction.launch("PublishedIndexIT-ingest", launcher -> launcher
                .handler(FunctionLauncher.INGEST_HANDLER)
                .functionName("podcast-search-ingest")
                .environment(deployment)
                // A file that never answers is to hold the run until the test kills it, not time out and be skipped.
                .environment("SEARCH_TIMEOUT", "30s"));
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] { search, ingest, feed, s3 }) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    @Order(1)
    void theIngestInvokedByHandPublishesTheFeedWithItsTranscriptsAndChapters() throws Exception {
        JsonNode report = ingested(BY_HAND);

        assertThat(report.at("/feeds/realpython/feed").asText()).isEqualTo("read");
        assertThat(report.get("published").asText()).isEqualTo(headEtag());
        assertThat(feed.requests()).extracting(ScriptedUpstream.Request::target).containsExactlyInAnyOrder("/feed",
                "/realpython/3/transcript.srt", "/realpython/3/chapters.json", "/realpython/2/transcript.vtt",
                "/realpython/1/transcript.json");
        publishedEtag = report.get("published").asText();
        // The run's one metric record says what the report says.
        JsonNode run = ingest.function().awaitEmf(record -> record.has("IngestRuns"), RECORD_LIMIT);
        EmfRecords.assertValid(run, "podcast-search");
        assertThat(run.get("IngestFailures").asInt()).isZero();
        assertThat(run.get("FeedsRead").asInt()).isEqualTo(1);
        assertThat(run.get("FilesRead").asInt()).isEqualTo(4);
        assertThat(run.get("IndexBytes").asLong()).isEqualTo(report.get("bytes").asLong());
        assertThat(run.get("IndexDocuments").asLong()).isEqualTo(report.get("documents").asLong());
    }

    @Test
    @Order(2)
    void aSearchFunctionStartedAfterLoadsTheIndexAtInitAndAnswersAMomentWithoutFetchingTheFeed() throws Exception {
        int feedRequests = feed.requests().size();
        int s3Requests = s3.requests().size();

        search = PackagedFunction.launch("PublishedIndexIT-search", launcher -> launcher
                .environment(deployment)
                .environment("SEARCH_INDEX_REFRESH", "1s"));
        assertThat(search.function().printed(line -> line.contains(LOADED), RECORD_LIMIT))
                .as("loaded during init, before any search").isTrue();
        assertThat(gets(s3.awaitRequests(s3Requests, request -> request.status() == 200, RECORD_LIMIT)))
                .as("the index downloaded at init").singleElement()
                .isEqualTo(new S3rver.Request("GET", OBJECT_PATH, null, 200));
        JsonNode moment = onlyMoment(search, "\"walrus operator\"", 3);

        assertThat(moment.get("start_s").asDouble()).isEqualTo(750.5);
        assertThat(moment.get("speaker").asText()).isEqualTo("Brett");
        assertThat(moment.get("url").asText()).isEqualTo(AUDIO + "3.mp3#t=750.5");
        assertThat(onlyMoment(search, "\"code review culture\"", 3, "chapter").get("start_s").asDouble())
                .isEqualTo(1830.0);
        assertThat(feed.requests()).as("requests to the feed's host since the search function started")
                .hasSize(feedRequests);
        // Searches a second apart (SEARCH_INDEX_REFRESH=1s) each check the index; none downloads it again.
        assertThat(loads(search)).as("times the index was loaded").isEqualTo(1);
        JsonNode searched = search.function().awaitEmf(record -> record.has("Searches"), RECORD_LIMIT);
        EmfRecords.assertValid(searched, "podcast-search");
        assertThat(searched.get("IndexAge").asLong()).as("seconds since the ingest built the index").isBetween(0L, 600L);
    }

    @Test
    @Order(3)
    void anUnchangedIndexIsCheckedWithAConditionalGetAndKept() throws Exception {
        int s3Requests = s3.requests().size();
        Thread.sleep(CHECK_DUE.toMillis());

        JsonNode moment = onlyMoment(search, "\"walrus operator\"", 3);

        assertThat(moment.get("start_s").asDouble()).isEqualTo(750.5);
        assertThat(gets(s3.awaitRequests(s3Requests, request -> request.status() == 304, RECORD_LIMIT)))
                .singleElement().isEqualTo(new S3rver.Request("GET", OBJECT_PATH, publishedEtag, 304));
        assertThat(loads(search)).as("times the index was loaded").isEqualTo(1);
    }

    @Test
    @Order(4)
    void aNewEpisodeAndItsTranscriptAppearAfterTheScheduledIngestRuns() throws Exception {
        serve(SampleFeed.text(feed.baseUrl()).replaceFirst("<item>", EPISODE_4.replace("BASE", feed.baseUrl())
                + "<item>"), "\"v2\"", Map.of("/realpython/4/transcript.vtt",
                        SampleFeed.served(EPISODE_4_TRANSCRIPT.getBytes(StandardCharsets.UTF_8))));

        JsonNode report = ingested(SCHEDULER);

        assertThat(report.at("/feeds/realpython/feed").asText()).isEqualTo("read");
        assertThat(feed.requests()).extracting(ScriptedUpstream.Request::target)
                .as("the episode's transcript, and no file fetched before").containsExactly("/feed",
                        "/realpython/4/transcript.vtt");
        JsonNode moment = awaitOnlyMoment(search, "\"match statement\"", 4);
        assertThat(moment.get("start_s").asDouble()).isEqualTo(125.0);
        assertThat(moment.get("url").asText()).isEqualTo(AUDIO + "4.mp3#t=125");
        assertThat(loads(search)).isEqualTo(2);
        publishedEtag = report.get("published").asText();

        JsonNode scheduled = ingested(SCHEDULED_EVENT);

        assertThat(scheduled.at("/feeds/realpython/feed").asText()).isEqualTo("not_modified");
        // Nothing changed: the object stays, and search instances keep their index with a 304.
        assertThat(scheduled.get("changed").asBoolean()).isFalse();
        assertThat(scheduled.get("published").asText()).isEqualTo(publishedEtag).isEqualTo(headEtag());
    }

    @Test
    @Order(5)
    void aCorruptObjectIsRefusedWithOneErrorAndTheLoadedIndexKeepsAnswering() throws Exception {
        byte[] good = object();
        byte[] garbage = new byte[4096];
        ThreadLocalRandom.current().nextBytes(garbage);
        put(garbage);
        try {
            Thread.sleep(CHECK_DUE.toMillis());
            JsonNode first = search(search, "\"walrus operator\"", "transcript");
            Thread.sleep(CHECK_DUE.toMillis());
            JsonNode second = search(search, "\"walrus operator\"", "transcript");

            for (JsonNode answer : List.of(first, second)) {
                assertThat(answer.get("total").asInt()).isEqualTo(1);
                assertThat(feedSource(answer).get("status").asText()).isEqualTo("ok");
                assertThat(feedSource(answer).has("stale")).isFalse();
            }
            assertThat(search.function().output().lines().filter(line -> line.contains("is refused")))
                    .singleElement().asString().contains("ERROR");
        } finally {
            put(good);
        }
    }

    @Test
    @Order(6)
    void whileTheBucketIsDownAnswersAreStaleAndAnIngestRunFailsAtItsFirstCheck() throws Exception {
        Thread.sleep(CHECK_DUE.toMillis());
        assertThat(onlyMoment(search, "\"walrus operator\"", 3)).isNotNull();
        String before = headEtag();
        // A new episode that a run which could publish would add.
        serve(SampleFeed.text(feed.baseUrl()).replaceFirst("<item>", EPISODE_4.replace("BASE", feed.baseUrl())
                + EPISODE_5.replace("TRANSCRIPT", "") + "<item>"), "\"v3\"", Map.of("/realpython/4/transcript.vtt",
                        SampleFeed.served(EPISODE_4_TRANSCRIPT.getBytes(StandardCharsets.UTF_8))));
        s3.stop();
        try {
            Thread.sleep(CHECK_DUE.toMillis());
            JsonNode stale = search(search, "\"walrus operator\"", "transcript");

            assertThat(stale.get("total").asInt()).isEqualTo(1);
            assertThat(feedSource(stale).get("status").asText()).isEqualTo("ok");
            assertThat(feedSource(stale).get("stale").asBoolean()).isTrue();

            InvocationResult failed = ingest.runtimeApi().invoke(BY_HAND, INGEST_DEADLINE).await(INGEST_LIMIT);
            assertThat(failed.outcome()).isEqualTo(InvocationResult.Outcome.ERROR);
            assertThat(failed.body()).contains("could not be read");
        } finally {
            s3.start();
        }
        assertThat(headEtag()).isEqualTo(before);
        Thread.sleep(CHECK_DUE.toMillis());
        JsonNode back = search(search, "teleportation", "episode");
        assertThat(feedSource(back).has("stale")).isFalse();
        assertThat(feedHits(back)).as("the episode the failed run fetched").isEmpty();
    }

    @Test
    @Order(7)
    void anIngestRunByHandRightAfterTheOutageIsKilledWhileItFetchesATranscriptAndPublishesNothing()
            throws Exception {
        String before = headEtag();
        long loads = loads(search);
        serve(SampleFeed.text(feed.baseUrl()).replaceFirst("<item>", EPISODE_4.replace("BASE", feed.baseUrl())
                + EPISODE_5.replace("TRANSCRIPT", "<podcast:transcript url=\"" + feed.baseUrl()
                        + "/realpython/5/transcript.vtt\" type=\"text/vtt\"/>") + "<item>"), "\"v4\"",
                Map.of("/realpython/4/transcript.vtt",
                        SampleFeed.served(EPISODE_4_TRANSCRIPT.getBytes(StandardCharsets.UTF_8)),
                        // Never answers: the run is halfway, its feed read, when the test kills it.
                        "/realpython/5/transcript.vtt", exchange -> exchange.await(Duration.ofMinutes(2))));

        Invocation run = ingest.runtimeApi().invoke(BY_HAND, INGEST_DEADLINE);
        awaitFeedRequest(run, "/realpython/5/transcript.vtt");
        ingest.function().kill();

        assertThat(run.result()).as("the killed run's invocation").isNotDone();
        assertThat(headEtag()).isEqualTo(before);
        Thread.sleep(CHECK_DUE.toMillis());
        assertThat(feedHits(search(search, "teleportation", "episode"))).isEmpty();
        assertThat(onlyMoment(search, "\"walrus operator\"", 3).get("start_s").asDouble()).isEqualTo(750.5);
        assertThat(loads(search)).as("times the index was loaded").isEqualTo(loads);
    }

    @Test
    @Order(8)
    void underSnapStartTheIndexIsLoadedBeforeTheSnapshotAndTheFirstSearchAfterTheRestoreChecksItOnce()
            throws Exception {
        String etag = headEtag();
        int feedRequests = feed.requests().size();
        int s3Requests = s3.requests().size();
        // The default refresh (15 min): only the restore makes the first search check.
        try (PackagedFunction snapped = PackagedFunction.launch("PublishedIndexIT-snapstart", launcher -> launcher
                .environment(deployment)
                .environment("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start"))) {
            assertThat(snapped.runtimeApi().restoreNanos()).as("the runtime took the snapshot path").isPresent();
            assertThat(snapped.function().printed(line -> line.contains(LOADED), RECORD_LIMIT)).isTrue();
            assertThat(snapped.function().printed(line -> line.matches(".*checks of the published index at a stand-in and"
                    + " [1-9][0-9]* searches of its feeds.*"), RECORD_LIMIT))
                    .as("priming checked an index at its stand-in (the bucket sees one GET), and searched the one loaded")
                    .isTrue();
            int atRestore = s3.requests().size();
            assertThat(gets(s3.requests().subList(s3Requests, atRestore))).as("before the snapshot").singleElement()
                    .isEqualTo(new S3rver.Request("GET", OBJECT_PATH, null, 200));

            JsonNode moment = onlyMoment(snapped, "\"walrus operator\"", 3);

            assertThat(moment.get("start_s").asDouble()).isEqualTo(750.5);
            assertThat(gets(s3.awaitRequests(atRestore, request -> request.status() == 304, RECORD_LIMIT)))
                    .as("after the restore").singleElement()
                    .isEqualTo(new S3rver.Request("GET", OBJECT_PATH, etag, 304));
            assertThat(loads(snapped)).isEqualTo(1);
            assertThat(feed.requests()).hasSize(feedRequests);
        }
    }

    /** Invokes the ingest with {@code event}; its report, once it published. */
    private static JsonNode ingested(String event) throws Exception {
        InvocationResult result = ingest.runtimeApi().invoke(event, INGEST_DEADLINE).await(INGEST_LIMIT);
        if (result.outcome() != InvocationResult.Outcome.RESPONSE) {
            throw ingest.function().failure("the ingest failed: " + result.errorType() + ": " + result.body());
        }
        return JSON.readTree(result.body());
    }

    private static JsonNode onlyMoment(PackagedFunction function, String query, long id) {
        return onlyMoment(function, query, id, "transcript");
    }

    /** The only hit of {@code query} in {@code category}, of episode {@code id}, and its moment. */
    private static JsonNode onlyMoment(PackagedFunction function, String query, long id, String category) {
        JsonNode body = search(function, query, category);
        assertThat(feedSource(body).get("status").asText()).isEqualTo("ok");
        assertThat(body.get("results")).as("results of %s", query).hasSize(1);
        JsonNode hit = body.get("results").get(0);
        assertThat(hit.get("category").asText()).isEqualTo(category);
        assertThat(hit.get("id").asLong()).isEqualTo(id);
        return hit.get("moment");
    }

    private static JsonNode awaitOnlyMoment(PackagedFunction function, String query, long id) throws Exception {
        long deadline = System.nanoTime() + NEW_INDEX_LIMIT.toNanos();
        while (search(function, query, "transcript").get("total").asInt() == 0) {
            assertThat(System.nanoTime()).as("%s was found within %s", query, NEW_INDEX_LIMIT).isLessThan(deadline);
            Thread.sleep(200);
        }
        return onlyMoment(function, query, id);
    }

    private static JsonNode search(PackagedFunction function, String query, String category) {
        ProxyResponse answer = function.proxyResponse(HttpApiEvents.search(Map.of("q", query, "category", category,
                "partial", "true")));
        assertThat(answer.statusCode()).as("status of %s", query).isEqualTo(200);
        return answer.json();
    }

    private static JsonNode feedSource(JsonNode body) {
        for (JsonNode source : body.get("sources")) {
            if (source.get("id").asText().equals("realpython")) {
                return source;
            }
        }
        throw new AssertionError("no source realpython in " + body);
    }

    private static List<JsonNode> feedHits(JsonNode body) {
        List<JsonNode> hits = new ArrayList<>();
        body.get("results").forEach(hit -> {
            if (hit.get("source").asText().equals("realpython")) {
                hits.add(hit);
            }
        });
        return hits;
    }

    /** How many times the function loaded an index, as its log says. */
    private static long loads(PackagedFunction function) {
        return function.function().output().lines().filter(line -> line.contains(LOADED)).count();
    }

    /** The GETs of the index's object among {@code requests}, with the SDK's own query ({@code x-id}) left off. */
    private static List<S3rver.Request> gets(List<S3rver.Request> requests) {
        Predicate<S3rver.Request> object = request -> request.method().equals("GET")
                && request.url().replaceFirst("\\?.*", "").equals(OBJECT_PATH);
        return requests.stream().filter(object).map(request -> new S3rver.Request(request.method(),
                request.url().replaceFirst("\\?.*", ""), request.ifNoneMatch(), request.status())).toList();
    }

    private static void awaitFeedRequest(Invocation run, String target) throws InterruptedException {
        long deadline = System.nanoTime() + INGEST_LIMIT.toNanos();
        while (feed.requests().stream().noneMatch(request -> request.target().equals(target))) {
            if (System.nanoTime() > deadline || run.result().isDone()) {
                throw ingest.function().failure("the ingest did not ask for " + target + "; the feed's host had "
                        + feed.requests() + "; the run " + (run.result().isDone() ? "ended: "
                                + run.result().join().body() : "goes on"));
            }
            Thread.sleep(20);
        }
    }

    private static void serve(String text, String etag, Map<String, Reply> more) {
        feed.answer(SampleFeed.withFiles(text, etag, more));
    }

    private static String headEtag() {
        try (S3Client client = S3rver.client(s3.endpoint())) {
            return client.headObject(head -> head.bucket(S3rverResource.BUCKET).key(S3rverResource.KEY)).eTag();
        }
    }

    private static byte[] object() {
        try (S3Client client = S3rver.client(s3.endpoint())) {
            return client.getObjectAsBytes(get -> get.bucket(S3rverResource.BUCKET).key(S3rverResource.KEY))
                    .asByteArray();
        }
    }

    private static void put(byte[] bytes) {
        try (S3Client client = S3rver.client(s3.endpoint())) {
            client.putObject(put -> put.bucket(S3rverResource.BUCKET).key(S3rverResource.KEY),
                    RequestBody.fromBytes(bytes));
        }
    }
}
