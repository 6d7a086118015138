package dev.podcastsearch.source;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import jakarta.ws.rs.WebApplicationException;

import com.fasterxml.jackson.core.JacksonException;

import io.vertx.core.http.HttpClosedException;

/**
 * A source that did not give a usable answer. The reason is short and safe to show a caller:
 * it never carries the source's URL or an exception message from the network stack.
 */
public class SourceFailure extends RuntimeException {

    private final String sourceId;
    private final String reason;

    public SourceFailure(String sourceId, String reason) {
        super(sourceId + ": " + reason, null, false, false);
        this.sourceId = sourceId;
        this.reason = reason;
    }

    public String sourceId() {
        return sourceId;
    }

    public String reason() {
        return reason;
    }

    /** Names what went wrong on the way to a source, from the most telling cause in the chain. */
    static SourceFailure of(String sourceId, Throwable failure) {
        if (failure instanceof SourceFailure known) {
            return known;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String reason = reasonFor(cause);
            if (reason != null) {
                return new SourceFailure(sourceId, reason);
            }
        }
        return new SourceFailure(sourceId, "request failed");
    }

    private static String reasonFor(Throwable cause) {
        // The REST client's default mapper turns a status of 400 and above into this exception.
        if (cause instanceof WebApplicationException rejected && rejected.getResponse() != null) {
            return "answered HTTP " + rejected.getResponse().getStatus();
        }
        if (cause instanceof UnknownHostException) {
            return "host not found";
        }
        if (cause instanceof ConnectException) {
            return "connection refused";
        }
        if (cause instanceof SSLException) {
            return "TLS handshake failed";
        }
        if (cause instanceof TimeoutException) {
            return "no answer in time";
        }
        if (cause instanceof JacksonException) {
            return "response is not the expected JSON";
        }
        if (cause instanceof IOException || cause instanceof HttpClosedException) {
            return "connection closed before a complete answer";
        }
        return null;
    }
}
