package dev.podcastsearch.support.upstream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * What every fault must come to, as a caller and the upstreams see it: an answer within the search timeout
 * (plus a margin for a loaded machine), a problem that names the source and a reason a person can act on,
 * and a healthy sibling that is cancelled, never awaited.
 */
public final class Faults {

    public static final Duration TIMEOUT = Duration.parse("PT" + Upstreams.TIMEOUT);
    private static final Duration MARGIN = Duration.ofSeconds(1);
    private static final Duration READ_TIMEOUT_SLACK = Duration.ofMillis(250);

    /** The healthy sibling's answer, late enough that only cancellation can end its request within a test. */
    public static final Duration SLOW = Duration.ofSeconds(10);

    private Faults() {
    }

    /** One search, whatever it answers, so that deadline checks after it leave out the first call's warm-up. */
    public static void warmUp() {
        given().queryParam("q", "warm up").when().get("/search");
    }

    /** Searches, asserts a 502 problem naming {@code source} and {@code reason}, and returns it for more checks. */
    public static ValidatableResponse searchFailsWith(String source, String reason) {
        Response answer = timedSearch();
        return answer.then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", is("urn:podcast-search:problem:source-failure"))
                .body("title", is("A podcast source failed"))
                .body("status", is(502))
                .body("source", is(source))
                .body("reason", is(reason))
                .body("detail", containsString(source));
    }

    /** Searches within the timeout and margin, and checks that the answer never leaks an address or a class name. */
    public static Response timedSearch() {
        long started = System.nanoTime();
        Response answer = given().queryParam("q", "rust").when().get("/search");
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(took).as("answered within the search timeout plus a margin").isLessThan(TIMEOUT.plus(MARGIN).toMillis());
        String body = answer.asString();
        assertThat(body).doesNotContain("127.0.0.1", "://", "Exception", "java.", "io.vertx", "io.netty");
        String reason = answer.path("reason");
        if (reason != null) {
            assertThat(reason).as("a reason short enough to read at a glance").hasSizeLessThan(60);
        }
        return answer;
    }

    /**
     * Asserts that the function closed the upstream's connection while the answer to its latest request was
     * still pending, and did so sooner than the read timeout (equal to the search timeout) would have: by
     * cancelling it. Faults from a {@link ScriptedUpstream} should wait for the sibling's request with
     * {@link #afterRequestAt}, so that there is a request to cancel.
     */
    public static void assertCancelled(ScriptedUpstream upstream) throws InterruptedException {
        List<ScriptedUpstream.Request> requests = upstream.requests();
        assertThat(requests).as("the upstream was asked").isNotEmpty();
        long closed = upstream.awaitClientClose(MARGIN);
        assertThat(closed).as("the connection was closed by the function").isPositive();
        assertThat(Duration.ofNanos(closed - requests.get(requests.size() - 1).arrived()))
                .as("closed by cancellation, not by the read timeout")
                .isLessThan(TIMEOUT.minus(READ_TIMEOUT_SLACK));
    }

    /**
     * For faults that strike before the sibling's request may have left (a refused connection, an unknown
     * host, a failed handshake): either the request was never sent, or its connection was closed.
     */
    public static void assertCancelledOrNeverSent(ScriptedUpstream sibling) throws InterruptedException {
        long closed = sibling.awaitClientClose(MARGIN);
        assertThat(closed > 0 || sibling.requests().isEmpty())
                .as("the sibling's request was closed by the function, or never sent").isTrue();
    }

    /** {@code fault}, once {@code other} has received its request, so that the other's cancellation can be seen. */
    public static Reply afterRequestAt(ScriptedUpstream other, Reply fault) {
        return exchange -> {
            long deadline = System.nanoTime() + MARGIN.toNanos();
            while (other.requests().isEmpty() && System.nanoTime() < deadline) {
                try {
                    TimeUnit.MILLISECONDS.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            fault.write(exchange);
        };
    }
}
