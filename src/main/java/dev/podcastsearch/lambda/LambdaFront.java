package dev.podcastsearch.lambda;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.Optional;

import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.podcastsearch.config.SearchConfig;
import dev.podcastsearch.invoke.SearchInvocation;
import dev.podcastsearch.logging.LambdaRequestIdInLogs;
import dev.podcastsearch.page.SearchPage;
import dev.podcastsearch.problem.Problem;
import dev.podcastsearch.search.RequestTarget;
import io.quarkus.amazon.lambda.http.LambdaHttpHandler;
import io.quarkus.runtime.Quarkus;
import io.smallrye.config.SmallRyeConfig;

/**
 * The function's Lambda handler ({@code deploy/template.yaml} names it): Quarkus's own HTTP handler, with in front of
 * it only what that handler cannot do (src/site/markdown/security.md has the table). It answers with a problem an
 * event that is unreadable (400), that comes from another integration (500, in that integration's format), or that
 * Quarkus's handler cannot make an HTTP request of (400; the handler would log a stack trace and answer a bare 500). It
 * takes the stage or {@code search.base-path} off the path, and replaces an error answer that is not a problem. What a
 * caller may put in the path and query is {@link RequestTarget}'s to judge, in dev mode as well. An event that is a
 * plain search request is served as {@code GET /search} ({@link SearchInvocation}).
 *
 * <p>
 * It does not implement {@code RequestStreamHandler}, on purpose: Quarkus's Lambda extension refuses to build an
 * application that has a handler class of its own besides the HTTP extension's. Lambda's runtime finds the method by
 * its name and its (InputStream, OutputStream, Context) parameters all the same.
 */
public class LambdaFront {

    static final String FORWARDED_PREFIX = "x-forwarded-prefix";
    /** Read as Quarkus's own handler reads events (AmazonLambdaRecorder), with no member left unread at the end. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();
    private static final String TOKEN = "!#$%&'*+-.^_`|~";
    private static final String HOST = "-._~!$&'()*+,;=%:[]";

    /** One for the JVM, as Quarkus is: {@code search.base-path} is runtime configuration, read once Quarkus runs. */
    private static volatile Optional<String> basePath;
    private final LambdaHttpHandler quarkus;

    public LambdaFront() {
        // In the init phase, so before a SnapStart snapshot; priming/SnapStartPriming then warms the request path.
        // Quarkus first: its handler's class makes a logger, and the first logger decides the JVM's log manager.
        System.setProperty(RequestTarget.QUARKUS_URI_CHECK_OFF, "true");
        Quarkus.manualInitialize();
        quarkus = new LambdaHttpHandler();
    }

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Quarkus.manualStart();
        Object answer;
        try {
            answer = answer(JSON.readTree(input), context);
        } catch (JacksonException e) {
            // Jackson's message quotes the input and names classes: it stays out of the answer and the log.
            answer = refused(context, unreadable("it is not JSON, or a member does not have the type an HTTP API event"
                    + " gives it"));
        }
        output.write(JSON.writeValueAsBytes(answer));
    }

    private Object answer(JsonNode event, Context context) throws JacksonException {
        if (event == null || !event.isObject()) {
            return refused(context, unreadable("it is not a JSON object"));
        }
        if (SearchInvocation.isSearchRequest(event)) {
            return SearchInvocation.answer(event, request -> quarkus.handleRequest(request, context), JSON);
        }
        if (!"2.0".equals(event.path("version").asText(null))) {
            boolean alb = event.path("requestContext").has("elb");
            if (!alb && !"1.0".equals(event.path("version").asText(null)) && !event.has("httpMethod")) {
                return refused(context, unreadable("it has neither version 2.0 nor the members of another integration's events"));
            }
            return unsupported(context, alb, alb && event.hasNonNull("multiValueHeaders"));
        }
        APIGatewayV2HTTPEvent request = JSON.treeToValue(event, APIGatewayV2HTTPEvent.class);
        Problem refusal = refusal(request);
        if (refusal != null) {
            return refused(context, refusal);
        }
        takeOffPrefix(request, basePath());
        APIGatewayV2HTTPResponse response = quarkus.handleRequest(request, context);
        int status = response.getStatusCode();
        if (status < 400 || isProblemOrPage(response)) {
            return response;
        }
        Problem replacement = Problem.of("http-" + status, Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase(), status, status < 500
                        ? "The request could not be handled as sent. The search is GET /search?q=<text>."
                        : "The search failed unexpectedly; the failure has been logged.");
        withRequestId(context, () -> Log.LOG.warnf("Quarkus answered %d without a problem document; answered %s instead",
                status, replacement.type()));
        return proxyAnswer(replacement, false, false);
    }

    /** What Quarkus's handler cannot turn into an HTTP request; null when it can. Never repeats the input. */
    private static Problem refusal(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = event.getRequestContext() == null ? null
                : event.getRequestContext().getHttp();
        if (http == null || http.getMethod() == null) {
            return unreadable("it has no requestContext.http.method");
        }
        if (!isToken(http.getMethod())) {
            return invalid("The method is not an HTTP method name: a method is one or more ASCII letters, digits or "
                    + TOKEN + ". The search is GET /search?q=<text>.");
        }
        String path = event.getRawPath();
        if (path == null || !path.startsWith("/")) {
            return invalid("The path (rawPath) must start with '/'. The search is GET /search?q=<text>.");
        }
        // What Netty refuses in a request line: the space and the line breaks that would end it.
        if ((path + Objects.toString(event.getRawQueryString(), "")).matches("(?s).*[ \r\n].*")) {
            return invalid("The path or query string holds a space or a line break: percent-encode them as UTF-8"
                    + " (%20 for a space, %0A for a line feed).");
        }
        for (Map.Entry<String, String> header : event.getHeaders() == null ? Map.<String, String> of().entrySet()
                : event.getHeaders().entrySet()) {
            if (!isToken(header.getKey())) {
                return invalid("A header name is not a valid HTTP field name: a name is one or more ASCII letters,"
                        + " digits or " + TOKEN + ".");
            }
            String value = header.getValue() == null ? "" : header.getValue();
            if (value.chars().anyMatch(c -> c != '\t' && Character.isISOControl(c))) {
                // The name is a token now, so it is safe to repeat.
                return invalid("The value of the header '" + header.getKey() + "' holds a control character: a header"
                        + " value may hold any character but control characters (tab excepted).");
            }
            if (header.getKey().equalsIgnoreCase("host") && !value.chars().allMatch(c -> fits(c, HOST))) {
                return invalid("The Host header is not a host name or IP address with an optional port.");
            }
        }
        if (event.getIsBase64Encoded() && event.getBody() != null) {
            try {
                Base64.getDecoder().decode(event.getBody());
            } catch (IllegalArgumentException e) {
                return invalid("The body is marked isBase64Encoded but is not valid base64 (RFC 4648, with padding and"
                        + " without line breaks).");
            }
        }
        return null;
    }

    static void takeOffPrefix(APIGatewayV2HTTPEvent event, Optional<String> basePath) {
        String path = event.getRawPath();
        String stage = event.getRequestContext().getStage();
        String prefix = stage != null && !stage.isEmpty() && !stage.equals("$default") && startsWithSegment(path, "/" + stage)
                ? "/" + stage
                : basePath.filter(base -> startsWithSegment(path, base)).orElse(null);
        Map<String, String> headers = new HashMap<>(event.getHeaders() == null ? Map.of() : event.getHeaders());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase(FORWARDED_PREFIX));
        if (prefix != null) {
            event.setRawPath(path.length() == prefix.length() ? "/" : path.substring(prefix.length()));
            headers.put(FORWARDED_PREFIX, prefix);
        }
        event.setHeaders(headers);
    }

    private static boolean startsWithSegment(String path, String prefix) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }

    /** Looked up rather than injected, because Lambda, not CDI, makes this object. */
    private static Optional<String> basePath() {
        if (basePath == null) {
            basePath = basePath(ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(SearchConfig.class)
                    .basePath());
        }
        return basePath;
    }

    /** {@code podcasts/} as {@code /podcasts}; empty for none. */
    static Optional<String> basePath(Optional<String> configured) {
        String path = configured.orElse("").strip().replaceAll("/+$", "");
        if (path.isEmpty()) {
            return Optional.empty();
        }
        path = path.startsWith("/") ? path : "/" + path;
        if (!path.matches("(/[A-Za-z0-9._~!$&'()*+,;=:@%-]+)+")) {
            throw new IllegalArgumentException("search.base-path must be a URI path such as /podcasts, not " + path);
        }
        return Optional.of(path);
    }

    /** The function's own problems, and the page's HTML answers (which carry the page's Content-Security-Policy). */
    private static boolean isProblemOrPage(APIGatewayV2HTTPResponse response) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.getHeaders() == null ? Map.of() : response.getHeaders());
        String type = headers.getOrDefault("Content-Type", "").toLowerCase(Locale.ROOT);
        return type.startsWith(Problem.MEDIA_TYPE) || type.startsWith("text/html")
                && SearchPage.CONTENT_SECURITY_POLICY.equals(headers.get("Content-Security-Policy"));
    }

    private static Object unsupported(Context context, boolean alb, boolean multiValueHeaders) {
        String integration = alb ? "an Application Load Balancer"
                : "an API Gateway REST API, or an HTTP API route with payload format 1.0";
        withRequestId(context, () -> Log.LOG.warnf("event from %s answered 500: this function serves API Gateway HTTP API"
                + " payload format 2.0 and Lambda function URLs; see deploy/README.md", integration));
        return proxyAnswer(Problem.of("unsupported-integration", "Unsupported integration", 500, "This function serves"
                + " API Gateway HTTP APIs with payload format 2.0 and Lambda function URLs, but this event came from "
                + integration + ". Route the requests through an HTTP API whose integration has PayloadFormatVersion 2.0"
                + " (as deploy/template.yaml does), or through the function URL; see deploy/README.md."), alb,
                multiValueHeaders);
    }

    /** One line for each event answered here, as RequestLog writes one for each request Quarkus answers. */
    private static Object refused(Context context, Problem problem) {
        withRequestId(context, () -> Log.LOG.infof("event refused -> %d %s: %s", problem.status(), problem.type(),
                problem.detail()));
        return proxyAnswer(problem, false, false);
    }

    /** As the integration's response: an ALB's has a status line, and maybe {@code multiValueHeaders}. */
    private static Map<String, Object> proxyAnswer(Problem problem, boolean alb, boolean multiValueHeaders) {
        Map<String, String> headers = Map.of("Content-Type", Problem.MEDIA_TYPE, "X-Content-Type-Options", "nosniff",
                "Cache-Control", "no-store");
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("statusCode", problem.status());
        if (alb) {
            answer.put("statusDescription", problem.status() + " " + Response.Status.fromStatusCode(problem.status()).getReasonPhrase());
        }
        answer.put(multiValueHeaders ? "multiValueHeaders" : "headers", multiValueHeaders ? headers.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, header -> List.of(header.getValue()))) : headers);
        answer.put("body", JSON.valueToTree(problem).toString());
        answer.put("isBase64Encoded", false);
        return answer;
    }

    private static Problem unreadable(String what) {
        return Problem.of("unreadable-event", "Unreadable event", 400, "The event cannot be read as an HTTP request: "
                + what + ". This function serves the events of an API Gateway HTTP API (payload format 2.0) and of a"
                + " Lambda function URL; deploy/events/ has examples.");
    }

    private static Problem invalid(String detail) {
        return Problem.of("invalid-request", "Invalid request", 400, detail);
    }

    private static boolean isToken(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> fits(c, TOKEN));
    }

    private static boolean fits(int c, String punctuation) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || punctuation.indexOf(c) >= 0);
    }

    /**
     * Made on first use, not when Lambda loads this class: the first logger decides the JVM's log manager, and that
     * must be the one Quarkus installs while the constructor starts it, or every line loses its JSON format.
     */
    private static final class Log {
        static final Logger LOG = Logger.getLogger(LambdaFront.class);
    }

    private static void withRequestId(Context context, Runnable logging) {
        String requestId = context == null ? null : context.getAwsRequestId();
        if (requestId != null) {
            MDC.put(LambdaRequestIdInLogs.MDC_KEY, requestId);
        }
        try {
            logging.run();
        } finally {
            MDC.remove(LambdaRequestIdInLogs.MDC_KEY);
        }
    }
}
