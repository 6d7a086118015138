package dev.podcastsearch.lambda;

import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * What an HTTP API 2.0 event must look like for Quarkus's Lambda HTTP front to turn it into a request. Everything
 * here is something that front (or the Netty and Vert.x below it) would otherwise answer with a bare 500, a body-less
 * 400 or an error page, and log with the input in the line. API Gateway encodes or refuses most of it; a caller that
 * invokes the function directly can send anything.
 */
final class RequestRules {

    /** RFC 3986: what a path may hold besides '%' escapes (unreserved, sub-delims, ':', '@', '/'). */
    private static final boolean[] PATH = ascii("-._~!$&'()*+,;=:@/");
    /** RFC 3986: a query may also hold '?'. */
    private static final boolean[] QUERY = ascii("-._~!$&'()*+,;=:@/?");
    /** RFC 9110 tchar: what a method or a header name is made of. */
    private static final boolean[] TOKEN = ascii("!#$%&'*+-.^_`|~");
    /** RFC 3986 reg-name, and the brackets and colons of an IP literal: what a Host header may hold. */
    private static final boolean[] HOST = ascii("-._~!$&'()*+,;=%:[]");

    private static final String PATH_RULE = "a path holds only ASCII letters, digits and -._~!$&'()*+,;=:@/"
            + ", with every other character percent-encoded as UTF-8 (%20 for a space)";
    private static final String QUERY_RULE = "a query string holds only ASCII letters, digits and -._~!$&'()*+,;=:@/?"
            + ", with every other character percent-encoded as UTF-8 (%20 for a space, %23 for '#')";
    private static final String TOKEN_RULE = "one or more ASCII letters, digits or !#$%&'*+-.^_`|~";

    private RequestRules() {
    }

    static Optional<Refusal> check(ScannedEvent event) {
        return Optional.ofNullable(method(event.method))
                .or(() -> Optional.ofNullable(path(event.rawPath)))
                .or(() -> Optional.ofNullable(query(event.rawQueryString)))
                .or(() -> Optional.ofNullable(headers(event)))
                .or(() -> Optional.ofNullable(cookies(event)))
                .or(() -> Optional.ofNullable(body(event)));
    }

    private static Refusal method(String method) {
        if (method == null) {
            return Refusal.unreadableEvent("it has no requestContext.http.method");
        }
        if (!isToken(method)) {
            return Refusal.invalidRequest("The method is not an HTTP method name: a method is " + TOKEN_RULE
                    + ". The search is GET /search?q=<text>.");
        }
        return null;
    }

    private static Refusal path(String path) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return Refusal.invalidRequest("The path (rawPath) must start with '/'. The search is GET /search?q=<text>.");
        }
        int at = misfitAt(path, PATH);
        return at < 0 ? null : Refusal.invalidRequest("The path (rawPath) " + misfit(path, at) + ": " + PATH_RULE + ".");
    }

    private static Refusal query(String query) {
        if (query == null) {
            return null;
        }
        int at = misfitAt(query, QUERY);
        if (at < 0) {
            return null;
        }
        String detail = "The query string (rawQueryString) " + misfit(query, at) + ": " + QUERY_RULE + ".";
        String parameter = parameterAt(query, at);
        return parameter == null ? Refusal.invalidRequest(detail) : Refusal.invalidParameter(parameter, detail);
    }

    /**
     * The name of the parameter whose part of the query holds {@code at}, as {@code q} for {@code q=a%zz}: named by the
     * problem as the REST layer names a parameter it refuses. Only a name of plain ASCII (letters, digits, {@code -._~})
     * is repeated back; any other is left out.
     */
    private static String parameterAt(String query, int at) {
        int start = query.lastIndexOf('&', at) + 1;
        int equals = query.indexOf('=', start);
        if (equals < 0 || equals > at) {
            return null;
        }
        String name = query.substring(start, equals);
        return !name.isEmpty() && name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0))
                ? name : null;
    }

    private static Refusal headers(ScannedEvent event) {
        for (String[] header : event.headers) {
            String name = header[0];
            String value = header[1];
            if (!isToken(name)) {
                return Refusal.invalidRequest("A header name is not a valid HTTP field name: a name is " + TOKEN_RULE + ".");
            }
            // The name is a token now, so it is safe to repeat.
            if (value != null && hasControl(value)) {
                return Refusal.invalidRequest("The value of the header '" + name + "' holds a control character: a"
                        + " header value may hold any character but control characters (tab excepted).");
            }
            if (value != null && name.toLowerCase(Locale.ROOT).equals("host") && !isHost(value)) {
                return Refusal.invalidRequest("The Host header is not a host name or IP address with an optional port.");
            }
        }
        return null;
    }

    private static Refusal cookies(ScannedEvent event) {
        for (String cookie : event.cookies) {
            if (hasControl(cookie)) {
                return Refusal.invalidRequest("A cookie holds a control character: a cookie may hold any character but"
                        + " control characters (tab excepted).");
            }
        }
        return null;
    }

    private static Refusal body(ScannedEvent event) {
        if (event.base64Encoded && event.body != null) {
            try {
                Base64.getDecoder().decode(event.body);
            } catch (IllegalArgumentException e) {
                return Refusal.invalidRequest("The body is marked isBase64Encoded but is not valid base64"
                        + " (RFC 4648, with padding and without line breaks).");
            }
        }
        return null;
    }

    /** Where the text first holds what it may not: a character outside {@code allowed}, or a broken escape; -1 if nowhere. */
    private static int misfitAt(String text, boolean[] allowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' ? i + 2 >= text.length() || !isHex(text.charAt(i + 1)) || !isHex(text.charAt(i + 2))
                    : !fits(c, allowed)) {
                return i;
            }
        }
        return -1;
    }

    /** What is wrong at {@code at}, said without repeating the text. */
    private static String misfit(String text, int at) {
        return text.charAt(at) == '%'
                ? "has a '%' at character " + (at + 1) + " that is not followed by two hexadecimal digits (a '%' itself is %25)"
                : "has a character it cannot hold unencoded (character " + (at + 1) + ")";
    }

    private static boolean isToken(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!fits(text.charAt(i), TOKEN)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHost(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!fits(text.charAt(i), HOST)) {
                return false;
            }
        }
        return true;
    }

    private static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\t' && Character.isISOControl(c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean fits(char c, boolean[] allowed) {
        return c < 128 && (Character.isLetterOrDigit(c) || allowed[c]);
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static boolean[] ascii(String characters) {
        boolean[] allowed = new boolean[128];
        characters.chars().forEach(c -> allowed[c] = true);
        return allowed;
    }
}
