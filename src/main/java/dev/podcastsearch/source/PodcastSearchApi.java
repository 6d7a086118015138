package dev.podcastsearch.source;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * The search API that Talk Python To Me and Python Bytes both expose: {@code GET <base-url>/api/search?q=...},
 * over Vert.x's HTTP client. Not a REST client interface, because the body must be counted while it
 * arrives: the Quarkus REST client reads a {@code Uni<Response>} body, and every non-2xx body, whole into
 * memory before our code sees any of it, and streams an {@code InputStream} only to a blocked thread.
 */
final class PodcastSearchApi {

    private final String sourceId;
    private final HttpClient http;
    private final String searchUrl;
    private final long timeoutMillis;
    private final long maxBytes;

    PodcastSearchApi(String sourceId, HttpClient http, URI baseUrl, Duration timeout, long maxBytes) {
        this.sourceId = sourceId;
        this.http = http;
        this.searchUrl = baseUrl.toString().replaceAll("/+$", "") + "/api/search?q=";
        this.timeoutMillis = timeout.toMillis();
        this.maxBytes = maxBytes;
    }

    /**
     * Sends the search when subscribed. Only a 200 answer's body is read, and only up to the size limit;
     * any other answer comes with an empty body, its connection closed rather than drained. Cancelling
     * closes the connection of a request in flight. Fails with the network's own exception if no answer
     * arrived, and with a {@link SourceFailure} if an answer started but could not be read.
     */
    Uni<ApiResponse> search(String query) {
        // Redirects are not followed: the base URL is configuration, and a redirect means it needs fixing.
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(searchUrl + URLEncoder.encode(query, StandardCharsets.UTF_8).replace("+", "%20"))
                .putHeader(HttpHeaders.ACCEPT, "application/json")
                .setFollowRedirects(false)
                // The group deadline ends a slow call first; these only bound what it has given up on,
                // such as a cancelled request still waiting for a pooled connection.
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis);
        return Uni.createFrom().deferred(() -> {
            Call call = new Call(options);
            return Uni.createFrom().<ApiResponse> emitter(call::start).onCancellation().invoke(call::cancel);
        });
    }

    /** One request in flight, and whether its caller has given up on it, which may happen at any moment. */
    private final class Call {

        private final RequestOptions options;
        private HttpClientRequest request;
        private boolean cancelled;

        Call(RequestOptions options) {
            this.options = options;
        }

        void start(UniEmitter<? super ApiResponse> emitter) {
            http.request(options)
                    .onFailure(emitter::fail)
                    .onSuccess(connected -> {
                        // Vert.x would log these as errors; send() and read() report them instead.
                        connected.exceptionHandler(failure -> {
                        });
                        connected.connection().exceptionHandler(failure -> {
                        });
                        if (attach(connected)) {
                            connected.send()
                                    .onFailure(emitter::fail)
                                    .onSuccess(response -> read(connected, response, emitter));
                        }
                    });
        }

        private synchronized boolean attach(HttpClientRequest connected) {
            request = connected;
            if (cancelled) {
                request.reset();
            }
            return !cancelled;
        }

        synchronized void cancel() {
            cancelled = true;
            if (request != null) {
                request.reset();
            }
        }
    }

    private void read(HttpClientRequest request, HttpClientResponse response, UniEmitter<? super ApiResponse> emitter) {
        int status = response.statusCode();
        String contentType = response.getHeader(HttpHeaders.CONTENT_TYPE);
        Duration retryAfter = retryAfter(response.getHeader(HttpHeaders.RETRY_AFTER));
        // Each reset below comes after the emitter is done, so the exception it raises here changes nothing.
        response.exceptionHandler(failure -> emitter.fail(new SourceFailure(sourceId, "response ended early")));
        if (status != 200) {
            emitter.complete(new ApiResponse(status, contentType, retryAfter, Buffer.buffer()));
            // Resetting an HTTP/1.1 request closes its connection, so nothing half-read goes back to the pool.
            request.reset();
            return;
        }
        if (declaredLength(response) > maxBytes) {
            emitter.fail(tooLarge());
            request.reset();
            return;
        }
        Buffer body = Buffer.buffer();
        response.handler(chunk -> {
            if (body.length() + chunk.length() > maxBytes) {
                emitter.fail(tooLarge());
                request.reset();
            } else {
                body.appendBuffer(chunk);
            }
        });
        response.endHandler(end -> emitter.complete(new ApiResponse(status, contentType, retryAfter, body)));
    }

    /** A Retry-After in seconds or as an HTTP date, as a wait from now; null if absent or unreadable. */
    private static Duration retryAfter(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        try {
            Duration untilThen = Duration.between(ZonedDateTime.now(),
                    ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME));
            return untilThen.isNegative() ? Duration.ZERO : untilThen.withNanos(0);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long declaredLength(HttpClientResponse response) {
        String length = response.getHeader(HttpHeaders.CONTENT_LENGTH);
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1; // Counted as it comes, like a body without a length.
        }
    }

    private SourceFailure tooLarge() {
        return new SourceFailure(sourceId, "response larger than " + readable(maxBytes));
    }

    private static String readable(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }

    /** What an answer said, as far as the search needs to know; {@code retryAfter} is null if it did not say. */
    record ApiResponse(int status, String contentType, Duration retryAfter, Buffer body) {
    }
}
