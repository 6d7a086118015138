package dev.podcastsearch.support.lambda;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

import dev.podcastsearch.support.upstream.PodcastApiStubs;

/**
 * What every packaged test starts with: {@code target/function.zip} under AWS's runtime client, against a Runtime API
 * stand-in of its own and stand-ins for both podcast APIs (answering with their samples), logging to
 * {@code target/function-logs/<name>.log}, and polling for its first event. A test adds what it needs to the launcher
 * (more environment, concurrency, a handler) and closes it all at once.
 *
 * <pre>{@code
 * static PackagedFunction packaged;
 *
 * @BeforeAll
 * static void launch() throws Exception {
 *     packaged = PackagedFunction.launch("FetchRuleIT", launcher -> launcher.environment("SEARCH_TIMEOUT", "2s"));
 * }
 *
 * @AfterAll
 * static void stop() {
 *     packaged.close();
 * }
 * }</pre>
 */
public final class PackagedFunction implements AutoCloseable {

    /** The package the build makes. */
    public static final Path PACKAGE = Path.of("target", "function.zip");
    /** How long an invocation may take before a test gives up on it. */
    public static final Duration ANSWER_LIMIT = Duration.ofSeconds(30);
    private static final Duration INIT_LIMIT = Duration.ofSeconds(90);

    private final String name;
    private final PodcastApiStubs stubs;
    private final LambdaRuntimeApi runtimeApi;
    private RunningFunction function;

    private PackagedFunction(String name, PodcastApiStubs stubs, LambdaRuntimeApi runtimeApi) {
        this.name = name;
        this.stubs = stubs;
        this.runtimeApi = runtimeApi;
    }

    /** Launches function.zip with the stubs' environment and whatever {@code settings} add, and waits for its init. */
    public static PackagedFunction launch(String name, UnaryOperator<FunctionLauncher> settings) throws Exception {
        return prepare(name, PodcastApiStubs::answerWithSamples).launch(FunctionLauncher.forPackage(PACKAGE), settings);
    }

    /**
     * The stand-ins alone, answering as {@code answers} sets them up, for a test that must do something before the
     * launch (queue the event that causes the cold start, say); then {@link #launch(FunctionLauncher, UnaryOperator)}.
     */
    public static PackagedFunction prepare(String name, UnaryOperator<PodcastApiStubs> answers) throws Exception {
        PodcastApiStubs stubs = answers.apply(PodcastApiStubs.start());
        try {
            return new PackagedFunction(name, stubs, LambdaRuntimeApi.start());
        } catch (Exception | AssertionError e) {
            stubs.close();
            throw e;
        }
    }

    /** Launches {@code launcher}'s package against the stand-ins, with their environment and {@code settings}. */
    public PackagedFunction launch(FunctionLauncher launcher, UnaryOperator<FunctionLauncher> settings) throws Exception {
        try {
            function = settings.apply(launcher.environment(stubs.environment()))
                    .logTo(Path.of("target", "function-logs", name + ".log"))
                    .launch(runtimeApi);
            function.awaitFirstPoll(INIT_LIMIT);
            return this;
        } catch (Exception | AssertionError e) {
            close();
            throw e;
        }
    }

    public PodcastApiStubs stubs() {
        return stubs;
    }

    public LambdaRuntimeApi runtimeApi() {
        return runtimeApi;
    }

    public RunningFunction function() {
        return function;
    }

    /** Sends an event and waits for its answer; a runtime error fails the test with the function's output. */
    public InvocationResult answer(String event) {
        return function.answer(event, ANSWER_LIMIT);
    }

    /** The answer to an HTTP event, as API Gateway would pass it on. */
    public ProxyResponse proxyResponse(String event) {
        return answer(event).proxyResponse();
    }

    @Override
    public void close() {
        closeAll(function, runtimeApi, stubs);
    }

    private static void closeAll(AutoCloseable... resources) {
        for (AutoCloseable resource : resources) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IllegalStateException("could not stop " + resource, e);
                }
            }
        }
    }
}
