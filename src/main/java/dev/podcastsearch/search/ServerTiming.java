package dev.podcastsearch.search;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The W3C {@code Server-Timing} header on every answer to a search, found or not: one metric per source with its
 * call's duration and name, then the total, {@code talkpython;dur=35;desc="Talk Python To Me", total;dur=41}.
 * Browsers' developer tools and dashboards read it without parsing the body.
 */
public class ServerTiming {

    static final String HEADER = "Server-Timing";
    private static final String STARTED = ServerTiming.class.getName() + ".started";
    private static final Pattern NOT_TOKEN = Pattern.compile("[^A-Za-z0-9!#$%&'*+.^_`|~-]");

    @ServerRequestFilter(preMatching = true)
    public void started(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @ServerResponseFilter
    public void answered(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof SearchReport report) || report.sources() == null) {
            return;
        }
        StringBuilder header = new StringBuilder();
        for (SearchResponse.SourceSummary source : report.sources()) {
            header.append(token(source.id())).append(";dur=").append(source.elapsedMs())
                    .append(";desc=\"").append(quoted(source.name())).append("\", ");
        }
        header.append("total");
        if (request.getProperty(STARTED) instanceof Long started) {
            header.append(";dur=").append(String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e6));
        }
        response.getHeaders().putSingle(HEADER, header.toString());
    }

    /** A metric name is an HTTP token; a source id is configuration, but may hold what a token may not. */
    private static String token(String id) {
        return NOT_TOKEN.matcher(id).replaceAll("_");
    }

    /** Printable ASCII inside the quotes, so the header stays one valid line whatever the source's name is. */
    private static String quoted(String name) {
        StringBuilder text = new StringBuilder();
        name.chars().forEach(c -> {
            if (c == '"' || c == '\\') {
                text.append('\\').append((char) c);
            } else {
                text.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
            }
        });
        return text.toString();
    }
}
