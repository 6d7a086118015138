package dev.podcastsearch.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JacksonException;

import dev.podcastsearch.config.SearchConfig;
import dev.podcastsearch.logging.LambdaRequestIdInLogs;
import io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler;
import io.quarkus.runtime.Quarkus;
import io.smallrye.config.SmallRyeConfig;

/**
 * The function's Lambda handler ({@code deploy/template.yaml} names it): a thin front to Quarkus's own
 * {@link QuarkusStreamHandler}, and the one place that guarantees the shape of every answer. Each event is read once as
 * a stream ({@link EventGate}); an event this function does not serve, or one that Quarkus's Lambda HTTP front would
 * answer with a bare 500, a body-less 400 or an error page, is answered here with a problem in the response format its
 * integration expects; the rest goes on to Quarkus, without the stage or base path prefix. Quarkus's answer is
 * passed on, unless it is an error without a problem document ({@link AnswerShape}).
 *
 * <p>
 * It does not implement {@code RequestStreamHandler}, on purpose: Quarkus's Lambda extension refuses to build an
 * application that has a handler class of its own besides the HTTP extension's. Lambda's runtime finds the method by
 * its name and its (InputStream, OutputStream, Context) parameters all the same.
 */
public class LambdaFront {

    /** A search as a function URL sends it, for warming the front's own code before a SnapStart snapshot. */
    private static final byte[] PRIMING_EVENT = ("{\"version\":\"2.0\",\"rawPath\":\"/priming/search\","
            + "\"rawQueryString\":\"q=priming\",\"headers\":{\"host\":\"localhost\",\"x-forwarded-prefix\":\"/x\"},"
            + "\"requestContext\":{\"http\":{\"method\":\"GET\"},\"stage\":\"priming\"},\"isBase64Encoded\":false}")
            .getBytes(StandardCharsets.UTF_8);

    private final QuarkusStreamHandler quarkus;
    /** One for the JVM, as Quarkus is: the instance that SnapStart priming makes builds it for Lambda's own. */
    private static volatile EventGate gate;

    public LambdaFront() {
        quarkus = new QuarkusStreamHandler();
        // Runs in the init phase, so before a SnapStart snapshot: the first request after a restore finds the front's
        // classes loaded. Quarkus's own path, and this one, are primed by priming/SnapStartPriming.
        EventGate priming = new EventGate(Optional.empty());
        for (int round = 0; round < 10; round++) {
            priming.check(PRIMING_EVENT);
            priming.check(new byte[] { '{', '}' });
            AnswerShape.replacementFor(ProxyAnswer.of(Refusal.invalidRequest("priming"), Integration.HTTP_API_2, false));
        }
    }

    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        EventGate.Verdict verdict = gate().check(event);
        if (verdict instanceof EventGate.Answer answer) {
            log(context, answer.problem(), answer.integration());
            output.write(answer.response());
            return;
        }
        ByteArrayOutputStream response = new ByteArrayOutputStream(4096);
        try {
            quarkus.handleRequest(new ByteArrayInputStream(((EventGate.Forward) verdict).event()), response, context);
        } catch (JacksonException e) {
            // Quarkus could not read the event into its event type (a member of the wrong type, say); it answered
            // nothing yet. Its message quotes the input and names classes: it stays out of the answer and the log.
            Refusal problem = Refusal.unreadableEvent("a member does not have the type an HTTP API event gives it");
            log(context, problem, Integration.HTTP_API_2);
            output.write(ProxyAnswer.of(problem, Integration.HTTP_API_2, false));
            return;
        }
        byte[] answer = response.toByteArray();
        Refusal replacement = AnswerShape.replacementFor(answer);
        if (replacement == null) {
            output.write(answer);
            return;
        }
        withRequestId(context, () -> Log.LOG.warnf("Quarkus answered %d without a problem document; answered %s instead",
                replacement.status(), replacement.type()));
        output.write(ProxyAnswer.of(replacement, Integration.HTTP_API_2, false));
    }

    /**
     * Built on the first event, once Quarkus has started: {@code search.base-path} is runtime configuration. Looked up
     * rather than injected, because Lambda, not CDI, makes this object.
     */
    private static EventGate gate() {
        EventGate current = gate;
        if (current == null) {
            Quarkus.manualStart();
            SearchConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(SearchConfig.class);
            current = new EventGate(config.basePath());
            gate = current;
        }
        return current;
    }

    /** One line for each event answered here, as RequestLog writes one for each request Quarkus answers. */
    private static void log(Context context, Refusal problem, Integration integration) {
        withRequestId(context, () -> {
            if (problem.status() >= 500) {
                Log.LOG.warnf("event from %s answered %d %s: this function serves API Gateway HTTP API payload format 2.0"
                        + " and Lambda function URLs; see deploy/README.md", integration.description(), problem.status(),
                        problem.type());
            } else {
                Log.LOG.infof("event refused -> %d %s: %s", problem.status(), problem.type(), problem.detail());
            }
        });
    }

    /**
     * Made on first use, not when Lambda loads this class: the first logger decides the JVM's log manager, and that
     * must be the one Quarkus installs while the constructor starts it, or every line loses its JSON format.
     */
    private static final class Log {
        static final Logger LOG = Logger.getLogger(LambdaFront.class);
    }

    private static void withRequestId(Context context, Runnable logging) {
        if (context == null || context.getAwsRequestId() == null) {
            logging.run();
            return;
        }
        MDC.put(LambdaRequestIdInLogs.MDC_KEY, context.getAwsRequestId());
        try {
            logging.run();
        } finally {
            MDC.remove(LambdaRequestIdInLogs.MDC_KEY);
        }
    }
}
