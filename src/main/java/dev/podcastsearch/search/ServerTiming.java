package dev.podcastsearch.search;

/**
 * The W3C {@code Server-Timing} header on every answer to a search, found or not: one metric per source with its
 * call's duration and name, then the total, {@code talkpython;dur=35;desc="Talk Python To Me",total;dur=41}.
 * Browsers' developer tools and dashboards read it without parsing the body. Written by {@code logging/Stopwatch},
 * which takes the total.
 * <p>
 * No space after a comma, and no comma inside a name: dev mode's HTTP server (Quarkus's Lambda mock event server) cuts
 * a header value at every comma, quotes or not, into one header line each, which HTTP reads as the same list only when
 * every piece is a whole metric with nothing before it.
 */
public final class ServerTiming {

    public static final String HEADER = "Server-Timing";
    private static final String TOKEN_SYMBOLS = "!#$%&'*+.^_`|~-";

    private ServerTiming() {
    }

    /** The header's value; {@code totalNanos} negative leaves the total's duration out. */
    public static String of(SearchReport report, long totalNanos) {
        StringBuilder header = new StringBuilder();
        for (SearchResponse.SourceSummary source : report.sources()) {
            token(source.id(), header).append(";dur=").append(source.elapsedMs()).append(";desc=\"");
            quoted(source.name(), header).append("\",");
        }
        header.append("total");
        if (totalNanos >= 0) {
            header.append(";dur=");
            tenths(totalNanos, header);
        }
        return header.toString();
    }

    /**
     * Milliseconds with one decimal, rounded half up, as {@code %.1f} would print them; by hand, because a
     * {@code Formatter} per answer cost a measurable part of a warm search on the managed runtime's C1-only JIT.
     */
    private static void tenths(long nanos, StringBuilder header) {
        long tenths = (Math.max(0, nanos) + 50_000) / 100_000;
        header.append(tenths / 10).append('.').append(tenths % 10);
    }

    /**
     * A metric name is an HTTP token; a source id is configuration, but may hold what a token may not. A loop rather
     * than a regular expression, for the same reason as {@link #tenths}.
     */
    private static StringBuilder token(String id, StringBuilder header) {
        // By code point, as the expression did: a character outside the BMP becomes one '_', not two.
        for (int i = 0; i < id.length(); i += Character.charCount(id.codePointAt(i))) {
            int c = id.codePointAt(i);
            boolean inToken = c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                    || c < 0x80 && TOKEN_SYMBOLS.indexOf(c) >= 0;
            header.append(inToken ? (char) c : '_');
        }
        return header;
    }

    /**
     * Printable ASCII inside the quotes, so the header stays one valid line whatever the source's name is; a comma is
     * left out (see above).
     */
    private static StringBuilder quoted(String name, StringBuilder header) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ',') {
                continue;
            }
            if (c == '"' || c == '\\') {
                header.append('\\').append(c);
            } else {
                header.append(c >= 0x20 && c < 0x7f ? c : '?');
            }
        }
        return header;
    }
}
