package dev.podcastsearch.source;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.client.ClientResponseContext;
import jakarta.ws.rs.client.ClientResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.client.impl.ClientRequestContextImpl;
import org.jboss.resteasy.reactive.client.impl.RestClientRequestContext;

/**
 * Judges a source's answer by its head: anything but an answer its kind of source expects (a search API: 200 JSON)
 * fails the call with a {@link SourceFailure}. The REST client runs this filter once it has read the body, which
 * {@link SourceClients} keeps within the size limit; an answer refused here leaves its connection fit for the next
 * request. Also hands each request to its {@link SearchCall}.
 */
public final class AnswerHeadFilter implements ClientRequestFilter, ClientResponseFilter {

    /**
     * What a kind of source expects: the statuses that pass, besides 200, and the media type a 200 must have (any
     * when null), with the words that name it in a failure.
     */
    public record Expected(Set<Integer> otherStatuses, Predicate<String> mediaType, String mediaTypeName) {

        /** A search API's answer: 200 JSON. */
        public static final Expected JSON = new Expected(Set.of(), type -> type.endsWith("json"), "JSON");
    }

    private final String sourceId;
    private final Expected expected;

    public AnswerHeadFilter(String sourceId, Expected expected) {
        this.sourceId = sourceId;
        this.expected = expected;
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
        if (expected.otherStatuses().contains(response.getStatus())) {
            return;
        }
        judgeStatus(response);
        String type = response.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (type != null && expected.mediaType() != null && !expected.mediaType().test(mediaType(type))) {
            throw new SourceFailure(sourceId, "answered " + mediaType(type) + ", not " + expected.mediaTypeName());
        }
    }

    private void judgeStatus(ClientResponseContext response) {
        int status = response.getStatus();
        if (status == 200) {
            return;
        }
        if (status == 503 || status == 429) {
            Duration retryAfter = retryAfter(response.getHeaderString(HttpHeaders.RETRY_AFTER));
            String reason = "answered HTTP " + status
                    + (retryAfter == null ? "" : " (Retry-After: " + retryAfter.toSeconds() + ")");
            throw SourceFailure.mayPass(sourceId, reason, retryAfter);
        }
        // The base URL is configuration, and a redirect means it needs fixing (a feed follows the few it expects).
        if (status >= 300 && status < 400) {
            throw new SourceFailure(sourceId, "answered HTTP " + status + " (redirects are not followed)");
        }
        throw new SourceFailure(sourceId, "answered HTTP " + status);
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
