package dev.podcastsearch.source;

import static dev.podcastsearch.support.upstream.Faults.SLOW;
import static dev.podcastsearch.support.upstream.Faults.TIMEOUT;
import static dev.podcastsearch.support.upstream.Faults.assertCancelledOrNeverSent;
import static dev.podcastsearch.support.upstream.Faults.searchFailsWith;
import static dev.podcastsearch.support.upstream.Faults.warmUp;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.support.CapturedLog;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The fault matrix row for a host that does not resolve. Its own class, because a base URL is fixed at
 * startup; for the same reason the fault cannot be removed, so the row runs twice to show that the second
 * search fails as promptly as the first.
 */
@QuarkusTest
@WithTestResource(value = Upstreams.class, initArgs = @ResourceArg(name = "talkpython", value = "http://nonexistent.invalid"))
class UnresolvableHostTest {

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @BeforeEach
    void warmedUp() {
        pythonBytes.answer(Reply.json("{\"episodes\": []}"));
        warmUp();
    }

    @RepeatedTest(2)
    void hostThatDoesNotResolve() throws InterruptedException {
        pythonBytes.answer(Reply.json("{\"episodes\": []}").after(SLOW));

        searchFailsWith("talkpython", "host not found");

        assertCancelledOrNeverSent(pythonBytes);
    }

    /**
     * The lookup fails within milliseconds, often while the sibling's connection is still opening. A request
     * cancelled then must be dropped at once, not left to the read timeout (the search timeout), when it would
     * be reported as an error in the function's log long after its search has been answered.
     */
    @Test
    void siblingCancelledWhileConnectingLeavesNothingToReportLater() throws InterruptedException {
        pythonBytes.answer(Reply.json("{\"episodes\": []}").after(SLOW));
        try (CapturedLog vertx = CapturedLog.of("io.vertx")) {
            searchFailsWith("talkpython", "host not found");

            Thread.sleep(TIMEOUT.plus(Duration.ofMillis(500)).toMillis());

            assertThat(vertx.messages()).as("what Vert.x logged after the search was answered").isEmpty();
        }
    }
}
