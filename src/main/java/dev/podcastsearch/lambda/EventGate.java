package dev.podcastsearch.lambda;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * Decides, for each event, whether it goes on to Quarkus or is answered here: events of other integrations and events
 * Quarkus's Lambda HTTP front cannot turn into a request are answered with a problem; the others go on, with the path
 * prefix API Gateway put in front of the function's own paths taken off.
 *
 * <p>
 * The prefix is either the stage name, which an HTTP API adds to {@code rawPath} for every stage but
 * {@code $default}, or the configured {@code search.base-path}, which a custom domain's API mapping adds. It travels on
 * as {@code X-Forwarded-Prefix}, which Quarkus's proxy support (on in {@code application.properties}) puts into every
 * URI the application builds from the request, so links keep it. The front drops any {@code X-Forwarded-Prefix} the
 * caller sent: the only prefix Quarkus ever sees is the one API Gateway added.
 */
final class EventGate {

    static final String FORWARDED_PREFIX = "x-forwarded-prefix";

    private final Optional<String> basePath;

    /** @param basePath a path prefix such as {@code /podcasts}, or empty */
    EventGate(Optional<String> basePath) {
        this.basePath = basePath.map(EventGate::normalized).filter(path -> !path.isEmpty());
    }

    /** The outcome for one event: it goes on to Quarkus as {@link Forward}, or is answered as {@link Answer}. */
    sealed interface Verdict permits Forward, Answer {
    }

    /** @param event the event as Quarkus is to read it: the one received, or its rewrite without the prefix */
    record Forward(byte[] event) implements Verdict {
    }

    /** @param response the Lambda response, in the format of {@code integration} */
    record Answer(Refusal problem, Integration integration, byte[] response) implements Verdict {
    }

    Verdict check(byte[] event) {
        ScannedEvent scanned;
        try {
            scanned = EventScanner.scan(event);
        } catch (UnreadableEvent e) {
            return answer(Refusal.unreadableEvent(e.getMessage()), Integration.HTTP_API_2, false);
        }
        Integration integration = scanned.integration();
        if (integration == null) {
            return answer(Refusal.unreadableEvent("it has neither version 2.0 nor the members of another integration's"
                    + " events"), Integration.HTTP_API_2, false);
        }
        if (integration != Integration.HTTP_API_2) {
            return answer(Refusal.unsupportedIntegration(integration), integration, scanned.multiValueHeaders);
        }
        Optional<Refusal> refusal = RequestRules.check(scanned);
        if (refusal.isPresent()) {
            return answer(refusal.get(), integration, false);
        }
        String prefix = prefix(scanned);
        boolean callerPrefix = scanned.headers.stream().anyMatch(header -> isForwardedPrefix(header[0]));
        return new Forward(prefix == null && !callerPrefix ? event : rewrite(event, scanned, prefix));
    }

    /** The stage name or base path that {@code rawPath} starts with, as a whole segment; null when none does. */
    private String prefix(ScannedEvent event) {
        if (event.stage != null && !event.stage.isEmpty() && !event.stage.equals("$default")
                && startsWithSegment(event.rawPath, "/" + event.stage)) {
            return "/" + event.stage;
        }
        return basePath.filter(path -> startsWithSegment(event.rawPath, path)).orElse(null);
    }

    private static boolean startsWithSegment(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /**
     * The event with {@code rawPath} shortened and {@code headers} written anew, the rest byte for byte as received.
     * Both are spliced where the scan found them rather than the whole event written again, so Quarkus still reads
     * what API Gateway sent, and the cost stays that of copying the bytes once.
     */
    private static byte[] rewrite(byte[] event, ScannedEvent scanned, String prefix) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(event.length + 64);
        String headers = headers(scanned, prefix);
        int pathStart = prefix == null ? -1 : scanned.rawPathStart;
        if (scanned.headersStart < 0) {
            // No headers member: one goes first in the root object, before the members received.
            out.write(event, 0, scanned.rootBodyStart);
            writeAscii(out, "\"headers\":" + headers + ",");
            copyWithPath(out, event, scanned.rootBodyStart, event.length, pathStart, scanned, prefix);
            return out.toByteArray();
        }
        if (pathStart >= 0 && pathStart < scanned.headersStart) {
            copyWithPath(out, event, 0, scanned.headersStart, pathStart, scanned, prefix);
            writeAscii(out, headers);
            out.write(event, scanned.headersEnd, event.length - scanned.headersEnd);
        } else {
            out.write(event, 0, scanned.headersStart);
            writeAscii(out, headers);
            copyWithPath(out, event, scanned.headersEnd, event.length, pathStart, scanned, prefix);
        }
        return out.toByteArray();
    }

    /** Copies {@code event[from, to)}, with the rawPath string replaced if it starts in that range. */
    private static void copyWithPath(ByteArrayOutputStream out, byte[] event, int from, int to, int pathStart,
            ScannedEvent scanned, String prefix) {
        if (pathStart < from || pathStart >= to) {
            out.write(event, from, to - from);
            return;
        }
        out.write(event, from, pathStart - from);
        String shortened = scanned.rawPath.substring(prefix.length());
        writeAscii(out, quoted(shortened.isEmpty() ? "/" : shortened));
        out.write(event, scanned.rawPathEnd, to - scanned.rawPathEnd);
    }

    private static String headers(ScannedEvent scanned, String prefix) {
        StringBuilder json = new StringBuilder("{");
        for (String[] header : scanned.headers) {
            if (isForwardedPrefix(header[0])) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quoted(header[0])).append(':').append(header[1] == null ? "null" : quoted(header[1]));
        }
        if (prefix != null) {
            json.append(json.length() > 1 ? "," : "").append(quoted(FORWARDED_PREFIX)).append(':').append(quoted(prefix));
        }
        return json.append('}').toString();
    }

    private static boolean isForwardedPrefix(String name) {
        return name.toLowerCase(Locale.ROOT).equals(FORWARDED_PREFIX);
    }

    /** A JSON string; non-ASCII characters escaped, so that the text can be written as ASCII bytes. */
    private static String quoted(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        JsonStringEncoder.getInstance().quoteAsString(text, json);
        for (int i = 1; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c > 127) {
                json.replace(i, i + 1, String.format("\\u%04x", (int) c));
                i += 5;
            }
        }
        return json.append('"').toString();
    }

    private static void writeAscii(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static Answer answer(Refusal problem, Integration integration, boolean multiValueHeaders) {
        return new Answer(problem, integration, ProxyAnswer.of(problem, integration, multiValueHeaders));
    }

    private static String normalized(String path) {
        String trimmed = path.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return "";
        }
        String normalized = trimmed.startsWith("/") ? trimmed : "/" + trimmed;
        if (!normalized.matches("(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+")) {
            throw new IllegalArgumentException("search.base-path must be a URI path such as /podcasts, not "
                    + normalized);
        }
        return normalized;
    }
}
