package dev.podcastsearch.priming;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

/**
 * The requests priming sends through the function's Lambda handler, as API Gateway HTTP API events with the
 * invocation's {@link Context}, and the status each must be answered with: a priming request answered otherwise took
 * another path than the one it is meant to warm.
 */
final class PrimingRequests {

    /** One request and the status it is answered with when it takes the path it is meant to. */
    record Request(byte[] event, int status) {
    }

    static final List<Request> ALL = List.of(
            new Request(event("/search", "q=priming", "application/json"), 200),
            new Request(event("/search", "q=priming&partial=true", "application/json"), 200),
            // Refused by the validation: the problem path.
            new Request(event("/search", "category=priming", "application/json"), 400),
            new Request(event("/", "q=priming", "text/html"), 200),
            new Request(event("/search.rss", "q=priming", "application/rss+xml"), 200),
            new Request(event("/openapi", "", "application/yaml"), 200));

    /** What Lambda passes with an invocation; the function reads only the request id, for its log lines. */
    static final Context CONTEXT = new PrimingContext();

    private PrimingRequests() {
    }

    /**
     * With the headers API Gateway adds to every request (the X-Forwarded ones, the trace id) besides a client's: each
     * takes a path of its own in Quarkus (its forwarded-header parsing), which the first real request would otherwise
     * be the first to run.
     */
    private static byte[] event(String path, String query, String accept) {
        return ("{\"version\": \"2.0\", \"routeKey\": \"$default\", \"rawPath\": \"" + path + "\", \"rawQueryString\": \""
                + query + "\", \"headers\": {\"accept\": \"" + accept + "\", \"accept-encoding\": \"gzip, deflate, br\","
                + " \"host\": \"localhost\", \"user-agent\": \"priming\","
                + " \"x-amzn-trace-id\": \"Root=1-00000000-000000000000000000000000\", \"x-forwarded-for\": \"127.0.0.1\","
                + " \"x-forwarded-port\": \"443\", \"x-forwarded-proto\": \"https\"},"
                + " \"requestContext\": {\"http\": {\"method\": \"GET\", \"path\": \"" + path + "\","
                + " \"protocol\": \"HTTP/1.1\", \"sourceIp\": \"127.0.0.1\", \"userAgent\": \"priming\"},"
                + " \"requestId\": \"priming\", \"routeKey\": \"$default\", \"stage\": \"$default\", \"timeEpoch\": 0},"
                + " \"isBase64Encoded\": false}").getBytes(StandardCharsets.UTF_8);
    }

    private static final class PrimingContext implements Context {

        @Override
        public String getAwsRequestId() {
            return "priming";
        }

        @Override
        public String getLogGroupName() {
            return "priming";
        }

        @Override
        public String getLogStreamName() {
            return "priming";
        }

        @Override
        public String getFunctionName() {
            return "priming";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "priming";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) StandIns.LIMIT.toMillis();
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}
