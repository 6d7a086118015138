package dev.podcastsearch.source;

import java.util.concurrent.CompletableFuture;

import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;

/**
 * One request to a source, as the REST client's filters see it: whether its answer has begun, whether that
 * answer was refused or broke off, and how to abort it. It fills two gaps in the REST client's streaming of a body:
 * <ul>
 * <li>Cancelling the streamed body closes the connection only once the answer's head has arrived; a request
 * still waiting for it would hold its connection until the read timeout. {@link #abort()} resets it instead,
 * as the REST client does itself when a {@code Uni} is cancelled.</li>
 * <li>A connection that breaks between the answer's head and the first read of its body fails nothing: the
 * stream would wait for the rest forever. {@link #failure()} reports it.</li>
 * </ul>
 */
final class SearchCall {

    private final CompletableFuture<Void> failure = new CompletableFuture<>();
    private RestClientRequestContext request;
    private HttpClientResponse response;
    private boolean aborted;
    private volatile boolean answered;

    /** Called by the request filter, before the request is sent. */
    synchronized void started(RestClientRequestContext request) {
        this.request = request;
        if (aborted) {
            abort();
        }
    }

    /** Called by the response filter: the status line and headers have arrived. */
    void answered() {
        answered = true;
        RestClientRequestContext sent;
        synchronized (this) {
            sent = request;
        }
        response = sent.getVertxClientResponse();
        // Until the REST client streams the body, failures reach us through end(), which also reports one that
        // came before anyone listened.
        response.end().onFailure(failure::completeExceptionally);
    }

    /** Whether the answer had begun, which makes a broken connection a broken answer rather than no answer. */
    boolean hasAnswered() {
        return answered;
    }

    /**
     * Called by the response filter when it refuses the answer: that, not the closed connection, is the reason.
     * A body the REST client has read already leaves the connection fit for the next request.
     */
    void refuse(SourceFailure reason) {
        failure.completeExceptionally(reason);
        if (!response.end().isComplete()) {
            abort();
        }
    }

    /** Fails if the answer was refused, or if its connection broke once it had begun; never emits an item. */
    Uni<Void> failure() {
        return Uni.createFrom().completionStage(failure);
    }

    synchronized boolean isAborted() {
        return aborted;
    }

    /**
     * Closes the connection, or if the request has not been sent yet, makes sure that it never is. A request
     * aborted while its connection was still being made is dropped by the REST client unsent, and that
     * connection is only freed, with an error logged, at the read timeout.
     */
    synchronized void abort() {
        aborted = true;
        if (request == null) {
            return;
        }
        request.setUserCanceled();
        HttpClientRequest sent = request.getHttpClientRequest();
        if (sent != null) {
            // Resetting an HTTP/1.1 request closes its connection, so nothing half-read goes back to the pool.
            sent.reset();
        }
    }
}
