package dev.podcastsearch.logging;

import java.util.List;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.Logger;

import dev.podcastsearch.search.QueryParameters;
import dev.podcastsearch.search.SearchReport;
import dev.podcastsearch.search.SearchResponse;

/**
 * One INFO line for every request the REST layer answers, whatever its status, with each source's status and time
 * when a search was made: {@code GET "/search" q="rust" category="all" -> 200 in 412 ms pythonbytes=ok/380ms
 * talkpython=failed/12ms}.
 * Path and parameters come from the caller, so each is quoted, escaped and cut short: whatever
 * they contain, they stay inside their quotes on this one line and cannot forge another.
 */
final class RequestLog {

    /** Longer values are cut; a valid q (at most 200 characters) is always logged whole. */
    static final int MAX_LOGGED_LENGTH = 200;
    /** What was searched, and what decides which sources are skipped; each only when given. */
    private static final List<String> LOGGED_PARAMETERS = List.of("q", "category", "partial", "sources",
            "published_after", "published_before", "min_duration", "max_duration", "sort");
    private static final Logger LOG = Logger.getLogger(RequestLog.class);

    private RequestLog() {
    }

    /**
     * The parameters as the search reads them ({@link QueryParameters}), so that the line shows what was searched;
     * {@code report} null when no search was made, {@code nanos} negative when the request was not timed.
     */
    static void log(ContainerRequestContext request, ContainerResponseContext response, QueryParameters parameters,
            SearchReport report, long nanos) {
        StringBuilder line = new StringBuilder();
        escape(request.getMethod(), line);
        line.append(' ');
        quote(request.getUriInfo().getPath(), line);
        for (String name : LOGGED_PARAMETERS) {
            for (String value : parameters.valuesAsSent(name)) {
                line.append(' ').append(name).append('=');
                quote(value, line);
            }
        }
        line.append(" -> ").append(response.getStatus());
        if (nanos >= 0) {
            line.append(" in ").append(TimeUnit.NANOSECONDS.toMillis(nanos)).append(" ms");
        }
        // Source ids are configuration, statuses an enum: nothing here comes from the caller.
        if (report != null) {
            for (SearchResponse.SourceSummary source : report.sources()) {
                line.append(' ').append(source.id()).append('=').append(source.status())
                        .append('/').append(source.elapsedMs()).append("ms");
            }
        }
        LOG.info(line.toString());
    }

    private static void quote(String text, StringBuilder line) {
        line.append('"');
        int length = text.codePointCount(0, text.length());
        if (length <= MAX_LOGGED_LENGTH) {
            escape(text, line);
            line.append('"');
        } else {
            escape(text.substring(0, text.offsetByCodePoints(0, MAX_LOGGED_LENGTH)), line);
            line.append("\"...(").append(length).append(" characters)");
        }
    }

    /**
     * Escapes, Java-style, what could end the line or the quotes, or hide text from whoever reads the log:
     * line breaks of every kind, other control characters, invisible format characters such as bidi overrides, and
     * unpaired surrogates, which are no text and which each viewer would show its own way.
     */
    private static void escape(String text, StringBuilder line) {
        text.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    int type = Character.getType(c);
                    if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR
                            || type == Character.PARAGRAPH_SEPARATOR || type == Character.FORMAT
                            || type == Character.SURROGATE) {
                        line.append(String.format("\\u%04x", c));
                    } else {
                        line.appendCodePoint(c);
                    }
                }
            }
        });
    }
}
