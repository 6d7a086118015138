package dev.podcastsearch.search;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.problem.Problem;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * What a caller may put in a request's path and query string: the one place these rules live, a Vert.x filter that
 * every request passes before any route, in dev mode and on Lambda alike.
 * <ul>
 * <li>The target is read as UTF-8 text. Characters a browser's address bar sends raw ({@code | ^ { } [ ] \} and the
 * backtick, letters outside ASCII) are percent-encoded as UTF-8 and the request is routed again, so that every route
 * and {@link QueryParameters} read one valid URI; Quarkus's HTTP layer would answer those with a body-less 400.
 * <li>Refused with a 400 problem: raw bytes that are not UTF-8; in the query, a raw control character, space, line
 * break or unpaired surrogate, and a {@code %} that is not followed by two hex digits; in the path, anything but
 * RFC 3986's ASCII characters.
 * <li>A path that ends in {@code /} or holds {@code //} (but {@code /} itself) is a 404 problem: each of the
 * function's pages has one path, and no redirect makes a second one.
 * <li>Every {@code Allow} header lists {@link #ALLOW}: RESTEasy's automatic OPTIONS answer has its own order.
 * </ul>
 */
@ApplicationScoped
public class RequestTarget {

    /**
     * Quarkus's root handler answers any target that {@code java.net.URI} cannot parse (a raw {@code |}, say, or a
     * broken {@code %}) with a body-less 400 before any filter or route runs, unless this system property is true when
     * it starts. It is: set by {@code LambdaFront} on Lambda, by the pom in dev mode and tests; this filter checks
     * instead, and hands every route a target {@code java.net.URI} reads.
     */
    public static final String QUARKUS_URI_CHECK_OFF = "vertx.disableURIValidation";

    /** What every resource allows, in one order and without spaces, which Quarkus's dev event server would keep. */
    public static final String ALLOW = String.join(",", SearchResource.METHODS);

    /** Below LambdaRequestIdInLogs's, so that a refusal's log line carries the request id; above every route's. */
    private static final int PRIORITY = 9_000;
    private static final String PATH_CHARACTERS = "-._~!$&'()*+,;=:@/";
    private static final String QUERY_CHARACTERS = PATH_CHARACTERS + "?";
    private static final Logger LOG = Logger.getLogger(RequestTarget.class);

    private final ObjectMapper json;

    RequestTarget(ObjectMapper json) {
        this.json = json;
    }

    void checkEveryRequest(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext context) {
        context.addHeadersEndHandler(ended -> {
            if (context.response().headers().contains(HttpHeaders.ALLOW)) {
                context.response().headers().set(HttpHeaders.ALLOW, ALLOW);
            }
        });
        // Not uri(), which Quarkus's proxy support starts with X-Forwarded-Prefix; the routes match path().
        String sent = context.request().path() + (context.request().query() == null ? "" : "?" + context.request().query());
        String target = sent;
        if (sentAsBytes(context)) {
            try {
                target = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(target.getBytes(StandardCharsets.ISO_8859_1))).toString();
            } catch (CharacterCodingException e) {
                refuse(context, invalid("The request holds raw bytes that are not UTF-8: send the path and query"
                        + " string as UTF-8, every character outside ASCII percent-encoded (%C3%A9 for \u00e9).", null));
                return;
            }
        }
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        Problem refusal = pathRefusal(path);
        if (refusal != null) {
            refuse(context, refusal);
            return;
        }
        if (path.length() > 1 && (path.endsWith("/") || path.contains("//"))) {
            refuse(context, Problem.of("http-404", "Not Found", 404, "Nothing is here. The search is GET /search?q=<text>."));
            return;
        }
        if (question < 0) {
            context.next();
            return;
        }
        StringBuilder query = new StringBuilder();
        refusal = encodedQuery(target.substring(question + 1), query);
        String canonical = path + "?" + query;
        if (refusal != null) {
            refuse(context, refusal);
        } else if (canonical.equals(sent)) {
            context.next();
        } else {
            context.reroute(canonical);
        }
    }

    /**
     * Whether each character of the target stands for one byte of the request line. Quarkus's mock event server, dev
     * mode's HTTP server, copies the request line into its event as Netty reads it, one ISO-8859-1 character per byte,
     * where API Gateway and function URLs decode it as UTF-8; only its events have no {@code version}.
     */
    private static boolean sentAsBytes(RoutingContext context) {
        APIGatewayV2HTTPEvent event = context.request().headers() instanceof QuarkusHttpHeaders headers
                ? headers.getContextObject(APIGatewayV2HTTPEvent.class) : null;
        return event != null && event.getVersion() == null;
    }

    private static Problem pathRefusal(String path) {
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%' ? !escapeAt(path, i) : !fits(c, PATH_CHARACTERS)) {
                return invalid("The path " + (c == '%' ? brokenEscape(i) : "has a character it cannot hold unencoded"
                        + " (character " + (i + 1) + ")") + ": a path holds only ASCII letters, digits and " + PATH_CHARACTERS
                        + ", with every other character percent-encoded as UTF-8 (%20 for a space).", null);
            }
        }
        return null;
    }

    /** Appends the query with every character it may not hold raw percent-encoded; the refusal when one cannot be. */
    private static Problem encodedQuery(String raw, StringBuilder query) {
        for (int i = 0; i < raw.length(); i += Character.charCount(raw.codePointAt(i))) {
            int c = raw.codePointAt(i);
            if (c == '%' && !escapeAt(raw, i)) {
                return invalid("The query string " + brokenEscape(i) + ".", parameterAt(raw, i));
            }
            if (Character.isISOControl(c) || Character.isWhitespace(c) || c >= 0xD800 && c <= 0xDFFF) {
                return invalid("The query string holds a character that must be percent-encoded as UTF-8 (character "
                        + (i + 1) + "): a control character, a space, a line break or an unpaired surrogate is never sent"
                        + " raw (%20 for a space, %0A for a line feed).", parameterAt(raw, i));
            }
            if (c == '%' || c < 0x80 && fits((char) c, QUERY_CHARACTERS)) {
                query.append((char) c);
            } else {
                for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                    query.append('%').append(Character.toUpperCase(Character.forDigit(b >> 4 & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
            }
        }
        return null;
    }

    private static String brokenEscape(int at) {
        return "has a '%' at character " + (at + 1) + " that is not followed by two hexadecimal digits (a '%' itself is %25)";
    }

    /** The name of the parameter whose value holds {@code at}, when it is plain ASCII and so safe to repeat. */
    private static String parameterAt(String query, int at) {
        int start = query.lastIndexOf('&', at) + 1;
        int equals = query.indexOf('=', start);
        String name = equals < 0 || equals > at ? "" : query.substring(start, equals);
        return !name.isEmpty() && name.chars().allMatch(c -> c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0))
                ? name : null;
    }

    private static boolean escapeAt(String text, int at) {
        return at + 2 < text.length() && Character.digit(text.charAt(at + 1), 16) >= 0
                && Character.digit(text.charAt(at + 2), 16) >= 0;
    }

    private static boolean fits(char c, String punctuation) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || punctuation.indexOf(c) >= 0);
    }

    private static Problem invalid(String detail, String parameter) {
        return new Problem(Problem.type("invalid-request"), "Invalid request", 400, detail, parameter, null, null, null, null);
    }

    /** The detail says what was wrong without repeating the input, so the line is safe whatever was sent. */
    private void refuse(RoutingContext context, Problem problem) {
        LOG.infof("request refused -> %d %s: %s", problem.status(), problem.type(), problem.detail());
        try {
            context.response().setStatusCode(problem.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .end(json.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
