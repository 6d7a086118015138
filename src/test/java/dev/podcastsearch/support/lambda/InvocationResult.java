package dev.podcastsearch.support.lambda;

import java.time.Duration;

/**
 * What the function posted back for one invocation, with its time line in {@link System#nanoTime()} units
 * of the test JVM: queued by the test, handed to the runtime by {@code next}, answered.
 *
 * @param errorType the {@code Lambda-Runtime-Function-Error-Type} of an error, null for a response
 */
public record InvocationResult(String requestId, Outcome outcome, String body, String errorType,
        long queuedNanos, long handedOutNanos, long answeredNanos) {

    public enum Outcome {
        /** Posted to {@code /invocation/{id}/response}: the handler returned. */
        RESPONSE,
        /** Posted to {@code /invocation/{id}/error}: the handler threw, or the runtime failed. */
        ERROR
    }

    /** From hand-out to answer: how long the function worked on it, as Lambda would bill it. */
    public Duration runTime() {
        return Duration.ofNanos(answeredNanos - handedOutNanos);
    }

    /** From queueing to answer, including any wait for a free runtime thread. */
    public Duration turnaround() {
        return Duration.ofNanos(answeredNanos - queuedNanos);
    }

    /** The body parsed as the Lambda proxy response of an HTTP API; fails for an error. */
    public ProxyResponse proxyResponse() {
        if (outcome != Outcome.RESPONSE) {
            throw new AssertionError("invocation " + requestId + " failed with " + errorType + ": " + body);
        }
        return ProxyResponse.parse(body);
    }
}
