package dev.podcastsearch.source;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.client.impl.ClientRequestContextImpl;
import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;

/**
 * Judges a search API's answer by its head: anything but 200 JSON fails the call with a {@link SourceFailure}. The
 * REST client runs this filter once it has read the body, which {@link SourceClients} keeps within the size limit; an
 * answer refused here leaves its connection fit for the next request. Also hands each request to its {@link SearchCall}.
 */
public final class AnswerHeadFilter implements ClientRequestFilter, ClientResponseFilter {

    private final String sourceId;

    public AnswerHeadFilter(String sourceId) {
        this.sourceId = sourceId;
    }

    @Override
    public void filter(ClientRequestContext request) {
        callOf(request).started((ClientRequestContextImpl) request);
    }

    @Override
    public void filter(ClientRequestContext request, ClientResponseContext response) {
        // Response filters also run for a request that failed or was cancelled before any answer, with no status.
        if (response.getStatus() == 0) {
            return;
        }
        callOf(request).answered();
        judge(response);
    }

    private void judge(ClientResponseContext response) {
        judgeStatus(response);
        String type = response.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type != null && !mediaType(type).endsWith("json")) {
            throw new SourceFailure(sourceId, "answered " + mediaType(type) + ", not JSON");
        }
    }

    private void judgeStatus(ClientResponseContext response) {
        SourceFailure failure = failureOf(sourceId, response.getStatus(), response.getHeaderString(HttpHeaders.RETRY_AFTER));
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * What an answer's status says of a source, whoever fetched it: null for 200, else the failure, which may pass
     * (503 and 429, after the {@code Retry-After} the source gave, if any).
     */
    public static SourceFailure failureOf(String sourceId, int status, String retryAfterHeader) {
        if (status == 200) {
            return null;
        }
        if (status == 503 || status == 429) {
            Duration retryAfter = retryAfter(retryAfterHeader);
            String reason = "answered HTTP " + status
                    + (retryAfter == null ? "" : " (Retry-After: " + retryAfter.toSeconds() + ")");
            return SourceFailure.mayPass(sourceId, reason, retryAfter);
        }
        // The base URL is configuration, and a redirect means it needs fixing (a feed follows the few it expects).
        if (status >= 300 && status < 400) {
            return new SourceFailure(sourceId, "answered HTTP " + status + " (redirects are not followed)");
        }
        return new SourceFailure(sourceId, "answered HTTP " + status);
    }

    /** The {@link SearchCall} passed to the REST client method: the REST client keeps each call's arguments with its request. */
    private static SearchCall callOf(ClientRequestContext request) {
        List<?> arguments = (List<?>) request.getProperty(RestClientRequestContext.INVOKED_METHOD_PARAMETERS_PROP);
        return arguments.stream().filter(SearchCall.class::isInstance).map(SearchCall.class::cast).findFirst()
                .orElseThrow();
    }

    public static SourceFailure tooLarge(String sourceId, long maxBytes) {
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

    private static String mediaType(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }
}
