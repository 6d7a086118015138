package dev.podcastsearch.support.lambda;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One event queued on a {@link LambdaRuntimeApi}; its result arrives when the function posts it. */
public final class Invocation {

    private final String requestId;
    private final String event;
    private final Duration timeout;
    private final String clientContext;
    private final String cognitoIdentity;
    private final long queuedNanos;
    private final CompletableFuture<InvocationResult> result = new CompletableFuture<>();
    private volatile long handedOutNanos;

    Invocation(String requestId, String event, Duration timeout, String clientContext, String cognitoIdentity) {
        this.requestId = requestId;
        this.event = event;
        this.timeout = timeout;
        this.clientContext = clientContext;
        this.cognitoIdentity = cognitoIdentity;
        this.queuedNanos = System.nanoTime();
    }

    public String requestId() {
        return requestId;
    }

    public String event() {
        return event;
    }

    /** Completes when the function posts a response or an error for this request id. */
    public CompletableFuture<InvocationResult> result() {
        return result;
    }

    /** The result, waiting at most {@code limit}; an {@link AssertionError} if none came. */
    public InvocationResult await(Duration limit) {
        try {
            return result.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no answer to invocation " + requestId + " within " + limit.toMillis() + " ms", e);
        } catch (ExecutionException e) {
            throw new AssertionError("invocation " + requestId + " was abandoned", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for invocation " + requestId, e);
        }
    }

    Duration timeout() {
        return timeout;
    }

    /** The client context's JSON; empty for none. */
    String clientContext() {
        return clientContext;
    }

    /** The Cognito identity's JSON; empty for none. */
    String cognitoIdentity() {
        return cognitoIdentity;
    }

    void handedOut(long nanos) {
        handedOutNanos = nanos;
    }

    public boolean isHandedOut() {
        return handedOutNanos != 0;
    }

    void answer(InvocationResult.Outcome outcome, String body, String errorType, long nanos) {
        result.complete(new InvocationResult(requestId, outcome, body, errorType, queuedNanos, handedOutNanos, nanos));
    }

    void abandon(Throwable reason) {
        result.completeExceptionally(reason);
    }
}
