package dev.podcastsearch.support.lambda;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.podcastsearch.support.lambda.LoopbackHttpServer.Request;
import dev.podcastsearch.support.lambda.LoopbackHttpServer.Response;

/**
 * A local stand-in for the Lambda Runtime API (version 2018-06-01) that a function's runtime polls:
 * tests queue events, the runtime takes them with {@code next} and posts a response or an error per request id.
 *
 * <p>
 * It records what a test needs to judge the runtime from outside: when the first {@code next} arrived
 * (the end of init), when the first answer came, how many invocations were handed out and not yet answered at
 * the same moment (more than one only when the runtime runs invocations concurrently), how many {@code next}
 * polls waited at the same moment, init errors, and anything the runtime did that the API does not allow
 * (answering an unknown or already answered request id, calling an unknown path).
 *
 * <p>
 * It also serves {@code restore/next}, which a runtime started with {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}
 * calls after running its {@code beforeCheckpoint} hooks, where Lambda takes the SnapStart snapshot; it is answered at
 * once, as if restored on the spot, and the runtime then runs its {@code afterRestore} hooks. No snapshot is taken.
 *
 * <p>
 * Use one per function process: the first-poll and first-answer times belong to one init.
 */
public final class LambdaRuntimeApi implements AutoCloseable {

    /** The function ARN the invocations claim to be for. */
    public static final String FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:podcast-search";

    private static final String PREFIX = "/2018-06-01/runtime";
    private static final Pattern ANSWER = Pattern.compile(PREFIX + "/invocation/([^/]+)/(response|error)");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** An Android app's client context, in the mobile SDK's format. */
    private static final String APP_CLIENT_CONTEXT = "{\"client\":{\"installation_id\":\"a1b2\",\"app_title\":\"Podcasts\","
            + "\"app_version_name\":\"2.1\",\"app_version_code\":\"21\",\"app_package_name\":\"com.example.podcasts\"},"
            + "\"custom\":{\"theme\":\"dark\"},\"env\":{\"platform\":\"Android\",\"make\":\"Google\",\"model\":\"Pixel 8\","
            + "\"platform_version\":\"14\",\"locale\":\"de_DE\"}}";
    private static final String APP_COGNITO_IDENTITY = "{\"cognitoIdentityId\":\"eu-west-1:1f2e3d4c\","
            + "\"cognitoIdentityPoolId\":\"eu-west-1:5b6a7988\"}";

    private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
    private final Map<String, Invocation> outstanding = new ConcurrentHashMap<>();
    private final AtomicLong firstPollNanos = new AtomicLong();
    private final AtomicLong firstAnswerNanos = new AtomicLong();
    private final AtomicLong restoreNanos = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();
    private final AtomicInteger waitingPolls = new AtomicInteger();
    private final AtomicInteger maxWaitingPolls = new AtomicInteger();
    private final AtomicInteger answers = new AtomicInteger();
    private final List<String> initErrors = new CopyOnWriteArrayList<>();
    private final List<String> protocolViolations = new CopyOnWriteArrayList<>();
    private final LoopbackHttpServer server;

    private LambdaRuntimeApi() throws IOException {
        this.server = LoopbackHttpServer.start("runtime-api", this::handle);
    }

    /** Starts listening on a free port of 127.0.0.1. */
    public static LambdaRuntimeApi start() throws IOException {
        return new LambdaRuntimeApi();
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}: host and port, no scheme. */
    public String address() {
        return "127.0.0.1:" + server.port();
    }

    /** Queues an event with a 30 s deadline; the runtime gets it at its next {@code next}. */
    public Invocation invoke(String event) {
        return invoke(event, DEFAULT_TIMEOUT);
    }

    /** Queues an event whose {@code Lambda-Runtime-Deadline-Ms} lies {@code timeout} after its hand-out. */
    public Invocation invoke(String event, Duration timeout) {
        return queue(new Invocation(UUID.randomUUID().toString(), event, timeout, "", ""));
    }

    /**
     * Queues an event as an app's invocation through an AWS mobile SDK reaches the runtime: with the JSON of its client
     * context ({@code Lambda-Runtime-Client-Context}) and Cognito identity ({@code Lambda-Runtime-Cognito-Identity}),
     * which the runtime client reads before it calls the handler. Other invocations have both empty.
     */
    public Invocation invokeFromApp(String event) {
        return queue(new Invocation(UUID.randomUUID().toString(), event, DEFAULT_TIMEOUT, APP_CLIENT_CONTEXT,
                APP_COGNITO_IDENTITY));
    }

    private Invocation queue(Invocation invocation) {
        outstanding.put(invocation.requestId(), invocation);
        queue.add(invocation);
        return invocation;
    }

    /** When the first {@code next} arrived, in {@link System#nanoTime()} units; empty before that. */
    public OptionalLong firstPollNanos() {
        long nanos = firstPollNanos.get();
        return nanos == 0 ? OptionalLong.empty() : OptionalLong.of(nanos);
    }

    /** When a SnapStart runtime asked for {@code restore/next}, its hooks before the snapshot done; empty if it never did. */
    public OptionalLong restoreNanos() {
        long nanos = restoreNanos.get();
        return nanos == 0 ? OptionalLong.empty() : OptionalLong.of(nanos);
    }

    /** When the first response or error arrived, in {@link System#nanoTime()} units; empty before that. */
    public OptionalLong firstAnswerNanos() {
        long nanos = firstAnswerNanos.get();
        return nanos == 0 ? OptionalLong.empty() : OptionalLong.of(nanos);
    }

    /** The most invocations handed out and not yet answered at any one moment. */
    public int maxInFlight() {
        return maxInFlight.get();
    }

    /** The most {@code next} polls waiting for an event at any one moment: the runtime's polling threads. */
    public int maxWaitingPolls() {
        return maxWaitingPolls.get();
    }

    /** How many responses and errors were accepted. */
    public int answerCount() {
        return answers.get();
    }

    /** The bodies posted to {@code /init/error} (or, after a SnapStart restore, {@code /restore/error}). */
    public List<String> initErrors() {
        return List.copyOf(initErrors);
    }

    /** What the runtime did that the Runtime API refuses; empty for a well-behaved runtime. */
    public List<String> protocolViolations() {
        return List.copyOf(protocolViolations);
    }

    /** Stops serving; invocations still unanswered fail. */
    @Override
    public void close() {
        server.close();
        IllegalStateException closed = new IllegalStateException("the Runtime API stand-in was closed");
        new ArrayList<>(outstanding.values()).forEach(invocation -> invocation.abandon(closed));
    }

    private Response handle(Request request) throws InterruptedException {
        String path = request.path();
        if (request.method().equals("GET") && path.equals(PREFIX + "/invocation/next")) {
            return next();
        }
        Matcher answer = ANSWER.matcher(path);
        if (request.method().equals("POST") && answer.matches()) {
            return answer(answer.group(1), answer.group(2).equals("error"), request);
        }
        if (request.method().equals("GET") && path.equals(PREFIX + "/restore/next")) {
            restoreNanos.compareAndSet(0, System.nanoTime());
            return new Response(200, Map.of(), new byte[0]);
        }
        if (request.method().equals("POST") && (path.equals(PREFIX + "/init/error") || path.equals(PREFIX + "/restore/error"))) {
            initErrors.add(request.header("Lambda-Runtime-Function-Error-Type") + ": " + request.bodyText());
            return accepted();
        }
        protocolViolations.add(request.method() + " " + path + ": no such endpoint");
        return Response.json(404, "{\"errorMessage\":\"Unknown path\",\"errorType\":\"NotFound\"}");
    }

    /** A long poll, as in Lambda: it waits for as long as no event is queued. */
    private Response next() throws InterruptedException {
        firstPollNanos.compareAndSet(0, System.nanoTime());
        raiseMax(maxWaitingPolls, waitingPolls.incrementAndGet());
        Invocation invocation;
        try {
            do {
                invocation = queue.poll(100, TimeUnit.MILLISECONDS);
            } while (invocation == null && !server.isClosed());
        } finally {
            waitingPolls.decrementAndGet();
        }
        if (invocation == null) {
            return Response.json(500, "{\"errorMessage\":\"shutting down\",\"errorType\":\"ServiceException\"}");
        }
        invocation.handedOut(System.nanoTime());
        raiseMax(maxInFlight, inFlight.incrementAndGet());
        return new Response(200, nextHeaders(invocation), invocation.event().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Every header the managed Lambda service sends. The RIC's native client fails on a {@code next} answer that
     * lacks any of them, so the ones that are usually empty (client context, Cognito identity) are sent empty unless
     * the invocation has them.
     */
    private static Map<String, String> nextHeaders(Invocation invocation) {
        long deadline = System.currentTimeMillis() + invocation.timeout().toMillis();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Lambda-Runtime-Aws-Request-Id", invocation.requestId());
        headers.put("Lambda-Runtime-Deadline-Ms", Long.toString(deadline));
        headers.put("Lambda-Runtime-Invoked-Function-Arn", FUNCTION_ARN);
        headers.put("Lambda-Runtime-Trace-Id", traceId());
        headers.put("Lambda-Runtime-Client-Context", invocation.clientContext());
        headers.put("Lambda-Runtime-Cognito-Identity", invocation.cognitoIdentity());
        return headers;
    }

    private Response answer(String requestId, boolean error, Request request) {
        long now = System.nanoTime();
        Invocation invocation = outstanding.get(requestId);
        if (invocation == null || !invocation.isHandedOut() || !outstanding.remove(requestId, invocation)) {
            protocolViolations.add("answer for request id " + requestId + ", which is not in flight (unknown, not yet handed out, or already answered)");
            return Response.json(400, "{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}");
        }
        // The books are kept before the result is published, so a test woken by it sees them up to date.
        inFlight.decrementAndGet();
        answers.incrementAndGet();
        firstAnswerNanos.compareAndSet(0, now);
        InvocationResult.Outcome outcome = error ? InvocationResult.Outcome.ERROR : InvocationResult.Outcome.RESPONSE;
        invocation.answer(outcome, request.bodyText(), request.header("Lambda-Runtime-Function-Error-Type"), now);
        return accepted();
    }

    private static Response accepted() {
        return Response.json(202, "{\"status\":\"OK\"}");
    }

    /** An X-Ray trace header in Lambda's form: epoch seconds in hex, then 96 random bits. */
    private static String traceId() {
        byte[] random = new byte[12];
        ThreadLocalRandom.current().nextBytes(random);
        byte[] parent = new byte[8];
        ThreadLocalRandom.current().nextBytes(parent);
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + HexFormat.of().formatHex(random)
                + ";Parent=" + HexFormat.of().formatHex(parent) + ";Sampled=0";
    }

    private static void raiseMax(AtomicInteger max, int value) {
        max.accumulateAndGet(value, Math::max);
    }
}
