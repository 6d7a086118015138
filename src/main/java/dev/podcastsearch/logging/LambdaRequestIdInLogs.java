package dev.podcastsearch.logging;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import com.amazonaws.services.lambda.runtime.Context;

import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/**
 * Puts the Lambda request id into the logging MDC for each invocation, so that every line logged while
 * serving it carries the id (in the JSON log lines on Lambda: {@code "mdc":{"AWSRequestId":"..."}}).
 */
@ApplicationScoped
public class LambdaRequestIdInLogs {

    /** The key Quarkus's own Lambda poll loop and AWS's Log4j2 appender use, so one log query finds them all. */
    public static final String MDC_KEY = "AWSRequestId";

    /** Ahead of the other filters, so that whatever they log is tagged too. */
    private static final int PRIORITY = 10_000;

    void tagEveryRequest(@Observes Filters filters) {
        filters.register(LambdaRequestIdInLogs::tag, PRIORITY);
    }

    // On Lambda's managed Java runtime the invocation enters through QuarkusStreamHandler, which, unlike
    // Quarkus's own poll loop (native, dev, test), sets no MDC; and the request is served on a Vert.x event
    // loop, not on the thread Lambda called. So the id goes in here, into the MDC of the request's own
    // Vert.x context: Quarkus's MDC follows that context through the reactive pipeline, and it ends with
    // the request, so no id leaks into the next one.
    private static void tag(RoutingContext request) {
        if (request.request().headers() instanceof QuarkusHttpHeaders headers) {
            Context lambda = headers.getContextObject(Context.class);
            if (lambda != null) {
                MDC.put(MDC_KEY, lambda.getAwsRequestId());
            }
        }
        request.next();
    }
}
