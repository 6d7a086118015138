package dev.podcastsearch.search;

import static dev.podcastsearch.support.upstream.OneHitAnswers.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.OneHitAnswers.TALK_PYTHON;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.source.Filterable;
import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.SourceResult;
import dev.podcastsearch.source.Sources;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.restassured.response.Response;

/**
 * A source that fails with something other than a {@code SourceFailure} (a bug in a parser or a matcher) fails only
 * that source, as any failure does, and its circuit breaker still hears of the call. Talk Python is replaced by such a
 * source, through the same switch SnapStart priming uses; configured as SuspensionTest's neighbours in health.
 */
@QuarkusTest
@WithTestResource(value = Upstreams.class, initArgs = {
        @ResourceArg(name = "search.suspension.enabled", value = "true"),
        @ResourceArg(name = "search.suspension.delay", value = "1s") })
class UnexpectedFailureTest {

    private static final Duration DELAY = Duration.ofSeconds(1);

    @Inject
    Sources sources;

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @BeforeEach
    void buggyTalkPython() {
        talkPython.answer(Reply.json(TALK_PYTHON));
        pythonBytes.answer(Reply.json(PYTHON_BYTES));
        PodcastSource pythonBytesSource = sources.all().stream().filter(source -> source.id().equals("pythonbytes"))
                .findFirst().orElseThrow();
        sources.searchStandIns(List.of(pythonBytesSource, new Buggy("talkpython")));
    }

    /** The real Talk Python again, healthy once its suspension (if any) has ended and a trial call succeeded. */
    @AfterEach
    void realTalkPythonAgain() throws InterruptedException {
        sources.searchConfigured();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (search(false).statusCode() != 200 && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        search(false).then().statusCode(200);
    }

    @Test
    void partialSearchAnswersWithoutTheSourceThatFailedUnexpectedly() {
        search(true).then().statusCode(200)
                .body("complete", is(false))
                .body("sources.status", contains("ok", "failed"))
                .body("sources[1].reason", is("failed unexpectedly"))
                .body("results.source", contains("pythonbytes"));
    }

    @Test
    void groupSearchFailsAsForAnyFailingSource() {
        search(false).then().statusCode(502)
                .contentType("application/problem+json")
                .body("source", is("talkpython"))
                .body("reason", is("failed unexpectedly"))
                .body("sources.status", contains("cancelled", "failed"));
    }

    /** A trial call that ends in a bug ends the trial: the source is suspended again, and a later trial is made. */
    @Test
    void trialCallEndingUnexpectedlyStillEndsTheTrial() throws InterruptedException {
        // At most four failures suspend it, however many successes its window of four held before.
        String status = "failed";
        for (int call = 0; call < 5 && status.equals("failed"); call++) {
            status = search(true).then().statusCode(200).extract().path("sources[1].status");
        }
        assertThat(status).isEqualTo("suspended");

        TimeUnit.MILLISECONDS.sleep(DELAY.plusMillis(200).toMillis());
        search(true).then().statusCode(200).body("sources[1].status", is("failed"));
        search(true).then().statusCode(200).body("sources[1].status", is("suspended"));

        sources.searchConfigured();
        TimeUnit.MILLISECONDS.sleep(DELAY.plusMillis(200).toMillis());
        search(true).then().statusCode(200).body("sources[1].status", is("ok"));
    }

    private static Response search(boolean partial) {
        return given().queryParam("q", "rust").queryParam("partial", String.valueOf(partial)).when().get("/search");
    }

    /** Reads its answer, then trips over a bug, as a matcher with an off-by-one would. */
    private record Buggy(String id) implements PodcastSource {

        @Override
        public String name() {
            return "Talk Python To Me";
        }

        @Override
        public Set<Filterable> filterable() {
            return Set.of();
        }

        @Override
        public Uni<SourceResult> search(String query, boolean moments) {
            return Uni.createFrom().item(query).map(read -> {
                throw new IndexOutOfBoundsException("a bug in a matcher");
            });
        }

        @Override
        public void close() {
        }
    }
}
