package dev.podcastsearch.source;

import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;

import io.vertx.core.http.HttpClientRequest;

/**
 * One request to a source, as the REST client's filters see it: whether its answer has begun, and how to abort it.
 * Cancelling a REST client {@code Uni} resets a request that has been sent, but one still waiting for its connection
 * is dropped unsent, and that connection is only freed, with an error logged, at the read timeout; {@link #abort()}
 * makes sure such a request is never sent instead.
 */
final class SearchCall {

    private RestClientRequestContext request;
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
    }

    /** Whether the answer had begun, which makes a broken connection a broken answer rather than no answer. */
    boolean hasAnswered() {
        return answered;
    }

    /** Closes the connection, or if the request has not been sent yet, makes sure that it never is. */
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
