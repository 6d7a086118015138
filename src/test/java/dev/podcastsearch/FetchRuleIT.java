package dev.podcastsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
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
 * The deployment package under AWS's runtime client, with three feed sources on loopback: two whose feeds redirect to
 * the instance's own Lambda Runtime API ({@code AWS_LAMBDA_RUNTIME_API}), one by its IP and one by {@code localhost},
 * and one that answers its feed. The redirected ones fail with the rule's reason and the Runtime API never sees a
 * request from them; the stand-in on loopback is still fetched, since it was configured there.
 */
@Timeout(180)
class FetchRuleIT {

    static ScriptedUpstream byIp;
    static ScriptedUpstream byName;
    static ScriptedUpstream good;
    static PackagedFunction packaged;
    static JsonNode answer;

    @BeforeAll
    static void searchWithFeedsRedirectingToTheRuntimeApi() throws Exception {
        PackagedFunction prepared = PackagedFunction.prepare("FetchRuleIT", PodcastApiStubs::answerWithSamples);
        int apiPort = URI.create("http://" + prepared.runtimeApi().address()).getPort();
        // A query the Runtime API does not know, so that a request which got through would show as a violation
        // instead of taking the next invocation, as the bare path would.
        String target = ":" + apiPort + "/2018-06-01/runtime/invocation/next?taken-by=feed";
        byIp = ScriptedUpstream.start();
        byIp.answer(redirect("http://127.0.0.1" + target));
        byName = ScriptedUpstream.start();
        byName.answer(redirect("http://localhost" + target));
        good = ScriptedUpstream.start();
        good.answer(Reply.feed(SampleFeed.text(), "\"good\"", null));
        packaged = prepared.launch(FunctionLauncher.forPackage(PackagedFunction.PACKAGE), launcher -> launcher
                .environment("SEARCH_SOURCES_BYIP_FEED_URL", byIp.baseUrl() + "/feed")
                .environment("SEARCH_SOURCES_BYNAME_FEED_URL", byName.baseUrl() + "/feed")
                .environment("SEARCH_SOURCES_GOOD_FEED_URL", good.baseUrl().replace("127.0.0.1", "localhost") + "/feed")
                // The sample names its transcripts at the podcast's own site, which is never asked.
                .environment("SEARCH_TRANSCRIPTS_PER_REFRESH", "0"));
        ProxyResponse response = packaged.proxyResponse(HttpApiEvents.search(Map.of("q", "python", "partial", "true")));
        assertThat(response.statusCode()).isEqualTo(200);
        answer = response.json();
    }

    private static Reply redirect(String location) {
        return Reply.raw("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] { packaged, byIp, byName, good }) {
            if (closeable != null) {
                closeable.close();
            }
        }
    }

    @Test
    void aFeedRedirectingToTheRuntimeApiByItsIpFailsWithTheRule() {
        assertThat(source("byip").get("status").asText()).isEqualTo("failed");
        assertThat(source("byip").get("reason").asText()).isEqualTo("redirected to an address that is not fetched");
        assertThat(byIp.requests()).hasSize(1);
    }

    @Test
    void aFeedRedirectingToTheRuntimeApiByLocalhostFailsWithTheRule() {
        assertThat(source("byname").get("status").asText()).isEqualTo("failed");
        assertThat(source("byname").get("reason").asText()).isEqualTo("redirected to an address that is not fetched");
    }

    @Test
    void theRuntimeApiReceivedNothingFromEitherFeed() {
        assertThat(packaged.runtimeApi().protocolViolations()).isEmpty();
        assertThat(packaged.runtimeApi().answerCount()).isEqualTo(1);
    }

    @Test
    void aFeedConfiguredOnLoopbackIsStillFetched() {
        assertThat(source("good").get("status").asText()).isEqualTo("ok");
        assertThat(good.requests()).hasSize(1);
        assertThat(packaged.function().output()).contains("source byip: not fetched").doesNotContain("taken-by");
    }

    private static JsonNode source(String id) {
        for (JsonNode source : answer.get("sources")) {
            if (source.get("id").asText().equals(id)) {
                return source;
            }
        }
        throw new AssertionError("no source " + id + " in " + answer);
    }
}
