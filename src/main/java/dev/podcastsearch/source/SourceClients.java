package dev.podcastsearch.source;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpHeaders;

/**
 * Builds every search API's REST client with the same bounds: connect and read timeouts, no redirect
 * followed by the client, each answer capped in size, and each request handed to its {@link SearchCall} so that it
 * can be aborted at any stage. The REST client method must take a {@code @NotBody SearchCall}.
 */
public final class SourceClients {

    private final Duration timeout;

    public SourceClients(Duration timeout) {
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }

    public <T> T build(Class<T> api, URI baseUrl, String id, long maxBytes) {
        // The group deadline ends a slow call first; these only bound what it has given up on, such as
        // a cancelled request still queued for a pooled connection.
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(baseUrl)
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .register(new AnswerHeadFilter(id))
                .httpClientRequestCustomizer(request -> prepare(request, id, maxBytes))
                .build(api);
    }

    /**
     * Hands the HTTP request to its {@link SearchCall}, which resets it at once if the search was cancelled while its
     * connection opened; a live request gets its answer capped.
     */
    private static void prepare(HttpClientRequest request, String id, long maxBytes) {
        // Failures reach the REST client through the response future. Without a handler of its own, a request
        // reset before it was sent would also be logged as an error.
        request.exceptionHandler(reported -> {
        });
        if (SearchCall.ofCurrentContext().map(call -> call.connected(request)).orElse(true)) {
            capped(request, id, maxBytes);
        }
    }

    /**
     * Caps what is read of each answer, whatever its status: a declared Content-Length over the limit is refused
     * before the body is read, and a longer body is cut off as it passes the limit; either way the request is
     * reset, which closes its connection and fails the call with the reason. A broken connection fails the call,
     * which reports it; without handlers of their own, the connection and the response would also log it as an
     * error. Set as the request is made, before the REST client sets its own.
     */
    private static void capped(HttpClientRequest request, String id, long maxBytes) {
        request.connection().exceptionHandler(reported -> {
        });
        request.response().onSuccess(response -> {
            response.exceptionHandler(reported -> {
            });
            if (declaresMoreThan(response.getHeader(HttpHeaders.CONTENT_LENGTH), maxBytes)) {
                request.reset(0, AnswerHeadFilter.tooLarge(id, maxBytes));
                return;
            }
            // Counts alongside the REST client, which collects the same chunks into the body it hands over.
            long[] read = { 0 };
            response.handler(chunk -> {
                read[0] += chunk.length();
                if (read[0] > maxBytes) {
                    request.reset(0, AnswerHeadFilter.tooLarge(id, maxBytes));
                }
            });
        });
    }

    /** Whether a {@code Content-Length} header declares more than {@code maxBytes}; an unreadable one declares nothing. */
    public static boolean declaresMoreThan(String contentLength, long maxBytes) {
        return contentLength != null && isDecimal(contentLength) && Long.parseLong(contentLength) > maxBytes;
    }

    /** {@code \d{1,18}}, which always fits a long; checked by hand, as this runs for every answer of every source. */
    private static boolean isDecimal(String text) {
        if (text.isEmpty() || text.length() > 18) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
