package dev.podcastsearch.source;

import java.util.Optional;
import java.util.concurrent.CancellationException;

import org.jboss.resteasy.reactive.client.impl.ClientRequestContextImpl;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;

/**
 * One request to a source, followed through the REST client's stages so that it can be aborted at any of them: before
 * a connection is asked for, while one is opening, and once the request is sent.
 * <p>
 * The REST client's own cancellation misses the middle stage: a request cancelled while its connection opens is never
 * sent, but holds that connection until the read timeout, and then Vert.x logs an error about it. So
 * each source keeps cancellation away from the REST client and calls {@link #abort()} instead. A REST client method
 * takes it as a {@code @NotBody} parameter, which is how {@link AnswerHeadFilter} finds it.
 */
public final class SearchCall {

    private static final String KEY = SearchCall.class.getName();

    private boolean aborted;
    private HttpClientRequest request;
    private volatile boolean answered;

    /**
     * Called by the request filter, before a connection is asked for. The REST client gives each request a Vert.x
     * context of its own and makes the HTTP request on it, so this call is kept there for the request customizer
     * ({@link SourceClients}) to find with {@link #ofCurrentContext()}.
     */
    synchronized void started(ClientRequestContextImpl filtered) {
        if (aborted) {
            throw new CancellationException("cancelled before it was sent");
        }
        filtered.getContext().putLocal(KEY, this);
    }

    /** The call whose HTTP request is being made on this Vert.x context, if any. */
    static Optional<SearchCall> ofCurrentContext() {
        Context context = Vertx.currentContext();
        return Optional.ofNullable(context == null ? null : context.getLocal(KEY));
    }

    /**
     * Called with the HTTP request once its connection is there, before it is sent. Returns false if the call was
     * aborted meanwhile: the request is then reset at once, which frees its connection.
     */
    synchronized boolean connected(HttpClientRequest request) {
        this.request = request;
        if (aborted) {
            request.reset();
        }
        return !aborted;
    }

    /** Called by the response filter: the status line and headers have arrived. */
    void answered() {
        answered = true;
    }

    /** Whether the answer had begun, which makes a broken connection a broken answer rather than no answer. */
    public boolean hasAnswered() {
        return answered;
    }

    /** Resets the request, closing its connection, or makes sure that it is never sent. */
    public synchronized void abort() {
        aborted = true;
        if (request != null) {
            // Resetting an HTTP/1.1 request closes its connection, so nothing half-read goes back to the pool.
            request.reset();
        }
    }
}
