package dev.podcastsearch.source;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;

/**
 * A source that did not give a usable answer. The reason is short and safe to show a caller:
 * it never carries the source's URL or an exception message from the network stack.
 */
public class SourceFailure extends RuntimeException {

    private final String sourceId;
    private final String reason;
    private final boolean mayPass;
    private final Duration retryAfter;

    public SourceFailure(String sourceId, String reason) {
        this(sourceId, reason, false, null);
    }

    private SourceFailure(String sourceId, String reason, boolean mayPass, Duration retryAfter) {
        super(sourceId + ": " + reason, null, false, false);
        this.sourceId = sourceId;
        this.reason = reason;
        this.mayPass = mayPass;
        this.retryAfter = retryAfter;
    }

    /** A failure that may be gone on a second try, after {@code retryAfter} if the source said how long to wait. */
    public static SourceFailure mayPass(String sourceId, String reason, Duration retryAfter) {
        return new SourceFailure(sourceId, reason, true, retryAfter);
    }

    public String sourceId() {
        return sourceId;
    }

    public String reason() {
        return reason;
    }

    /** Whether asking again could succeed: the source was briefly overloaded, or dropped a connection before answering. */
    public boolean mayPass() {
        return mayPass;
    }

    /** How long the source asked to be left alone, if it said so. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Names what went wrong, from the most telling cause in the chain; {@code answered} says whether the answer's
     * head had arrived. A failure the answer's head or body was judged by is a {@code SourceFailure} already, and
     * passes through unchanged.
     */
    public static SourceFailure of(String sourceId, Throwable failure, boolean answered) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SourceFailure known) {
                return known;
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            SourceFailure named = named(sourceId, cause, answered);
            if (named != null) {
                return named;
            }
        }
        return new SourceFailure(sourceId, "request failed");
    }

    private static SourceFailure named(String sourceId, Throwable cause, boolean answered) {
        // Before ConnectException, which Netty's connect timeout extends.
        if (cause instanceof TimeoutException || cause instanceof ConnectTimeoutException) {
            return new SourceFailure(sourceId, "no answer in time");
        }
        if (cause instanceof UnknownHostException) {
            return new SourceFailure(sourceId, "host not found");
        }
        if (cause instanceof ConnectException) {
            return new SourceFailure(sourceId, "connection refused");
        }
        if (cause instanceof SSLException) {
            return new SourceFailure(sourceId, causedBy(cause, CertificateException.class)
                    ? "TLS handshake failed: certificate not trusted"
                    : "TLS handshake failed");
        }
        if (cause instanceof IOException || cause instanceof VertxException) {
            if (answered) {
                return new SourceFailure(sourceId, "response ended early");
            }
            // The request was sent and the connection died before a status line came back: a server restarting
            // or shedding load, which a new connection may well get past.
            return mayPass(sourceId, "connection closed before an answer", null);
        }
        return null;
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
