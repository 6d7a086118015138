package dev.podcastsearch.logging;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Through the Lambda path (the mock event server), with the console logging JSON as it does on Lambda. */
@QuarkusTest
@TestProfile(LambdaRequestIdInLogsTest.JsonLogsAndUnreachableSources.class)
class LambdaRequestIdInLogsTest {

    /** Nothing listens on port 1, so every search fails at once, and the failure is logged. */
    public static class JsonLogsAndUnreachableSources implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.log.console.json.enabled", "true",
                    "search.sources.talkpython.base-url", "http://localhost:1",
                    "search.sources.pythonbytes.base-url", "http://localhost:1");
        }
    }

    private final Logger problemLogger = Logger.getLogger("dev.podcastsearch.problem");
    private final Formatter console = consoleFormatter();
    private final List<String> requestIds = new CopyOnWriteArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            // Read at once: the MDC that counts is the one of the context that logs.
            requestIds.add(String.valueOf(((ExtLogRecord) record).getMdc(LambdaRequestIdInLogs.MDC_KEY)));
            lines.add(console.format(record));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureProblemLogs() {
        problemLogger.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        problemLogger.removeHandler(capture);
    }

    @Test
    void failureLoggedDuringAnInvocationCarriesItsRequestId() {
        String requestId = UUID.randomUUID().toString();

        searchAs(requestId);

        assertEquals(List.of(requestId), requestIds);
    }

    @Test
    void eachInvocationLogsItsOwnRequestId() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        searchAs(first);
        searchAs(second);

        assertEquals(List.of(first, second), requestIds);
    }

    @Test
    void consoleLineIsOneJsonObjectWithTheRequestIdUnderMdc() throws Exception {
        String requestId = UUID.randomUUID().toString();

        searchAs(requestId);

        assertEquals(1, lines.size());
        String line = lines.get(0);
        assertFalse(line.strip().contains("\n"), "one line per record: " + line);
        JsonNode json = new ObjectMapper().readTree(line);
        assertEquals(requestId, json.path("mdc").path(LambdaRequestIdInLogs.MDC_KEY).asText());
        assertEquals("WARN", json.path("level").asText());
        assertEquals("dev.podcastsearch.problem.ProblemMapper", json.path("loggerName").asText());
        assertFalse(json.path("timestamp").asText().isEmpty());
    }

    /** The mock event server hands the header's value to the function as the invocation's request id. */
    private static void searchAs(String requestId) {
        given().header("Lambda-Runtime-Aws-Request-Id", requestId)
                .queryParam("q", "python")
                .when().get("/search")
                .then().statusCode(502);
    }

    private static Formatter consoleFormatter() {
        return handlers(Logger.getLogger("").getHandlers())
                .filter(ConsoleHandler.class::isInstance)
                .map(Handler::getFormatter)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no console handler"));
    }

    /** Quarkus wraps the console handler in handlers of its own. */
    private static Stream<Handler> handlers(Handler[] handlers) {
        return Stream.of(handlers).flatMap(handler -> handler instanceof ExtHandler ext
                ? Stream.concat(Stream.of(handler), handlers(ext.getHandlers()))
                : Stream.of(handler));
    }
}
