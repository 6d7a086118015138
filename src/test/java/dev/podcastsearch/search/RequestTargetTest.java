package dev.podcastsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.support.ServerTimingHeader;
import dev.podcastsearch.support.input.CallerTargets;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * Request targets as curl and browsers send them, in bytes on a socket, to dev mode's HTTP server: with Quarkus's
 * Lambda HTTP extension that is its mock event server (on port 8080 in {@code quarkus dev}, on the test port here; the
 * same class either way), which turns each request into an HTTP API event for the application. Every row gets the
 * answer the packaged function gives the same request on Lambda (LambdaFrontIT sends the same rows).
 */
@QuarkusTest
@WithTestResource(Upstreams.class)
class RequestTargetTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @BeforeEach
    void healthyUpstreams() {
        talkPython.answer(Reply.json("{\"keywords\": [], \"results\": []}"));
        pythonBytes.answer(Reply.json("{\"keywords\": [], \"episodes\": []}"));
    }

    static Stream<CallerTargets.Row> rows() {
        return CallerTargets.rows().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyTargetGetsTheAnswerItGetsOnLambda(CallerTargets.Row row) {
        Answer answer = send("GET", row.target().getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.body()).isEqualTo(row.status());
        JsonNode body = answer.json();
        if (row.query() != null) {
            assertThat(body.get("query").asText()).isEqualTo(row.query());
            assertThat(talkPython.requests()).singleElement().satisfies(request -> assertThat(request.q()).isEqualTo(row.query()));
        } else {
            assertThat(answer.header("content-type")).isEqualTo("application/problem+json");
            assertThat(body.get("type").asText()).isEqualTo("urn:podcast-search:problem:" + row.kind());
            assertThat(talkPython.requests()).isEmpty();
        }
    }

    /** A byte that starts no UTF-8 character, sent raw: a problem, not a search for U+FFFD or for 'ÿ'. */
    @Test
    void rawBytesThatAreNotUtf8AreAProblem() {
        byte[] target = "/search?q=caf\u00ff".getBytes(StandardCharsets.ISO_8859_1);

        Answer answer = send("GET", target);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("type").asText()).isEqualTo("urn:podcast-search:problem:invalid-request");
        assertThat(answer.json().get("detail").asText()).contains("not UTF-8");
        assertThat(talkPython.requests()).isEmpty();
    }

    /**
     * The OPTIONS answer and a 405 list the same methods in the same order, each without a leading space. On Lambda
     * that is one line, {@code Allow: GET,HEAD,OPTIONS}; this server (Quarkus's mock event server, also dev mode's)
     * writes a header value with commas as one line per element, which HTTP reads as the same list (RFC 9110, 5.3).
     * Should a Quarkus upgrade stop cutting values, this test fails and the lines can be asserted as one.
     */
    @Test
    void optionsAndA405ListTheSameMethodsInOneOrder() {
        List<String> options = send("OPTIONS", bytes("/search")).headers("allow");
        List<String> refused = send("DELETE", bytes("/search")).headers("allow");

        assertThat(options).containsExactly("GET", "HEAD", "OPTIONS");
        assertThat(refused).isEqualTo(options);
    }

    /**
     * {@code Server-Timing} cut into lines the same way: each line is one whole metric, with no space before it, the
     * sources in id order and the total last, so that the lines joined are the header Lambda sends as one.
     */
    @Test
    void serverTimingLinesAreWholeMetricsInOrder() {
        List<String> lines = send("GET", bytes("/search?q=rust")).headers("server-timing");

        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).startsWith("pythonbytes;dur=").endsWith(";desc=\"Python Bytes\"");
        assertThat(lines.get(1)).startsWith("talkpython;dur=").endsWith(";desc=\"Talk Python To Me\"");
        assertThat(lines.get(2)).matches("total;dur=[0-9]+\\.[0-9]");
        assertThat(ServerTimingHeader.of(String.join(",", lines)).metrics())
                .containsExactly("pythonbytes", "talkpython", "total");
    }

    private static byte[] bytes(String target) {
        return target.getBytes(StandardCharsets.US_ASCII);
    }

    /** One request on its own connection, bytes as given, the answer read whole. */
    private static Answer send(String method, byte[] target) {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            OutputStream out = socket.getOutputStream();
            out.write((method + " ").getBytes(StandardCharsets.US_ASCII));
            out.write(target);
            out.write(" HTTP/1.1\r\nHost: localhost\r\nAccept: */*\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return Answer.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Answer(int status, List<String[]> headerLines, String body) {

        static Answer parse(String response) {
            int end = response.indexOf("\r\n\r\n");
            String[] lines = response.substring(0, end).split("\r\n");
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                // As sent: only the one space after the colon is the separator's, any other is the value's.
                String value = lines[i].substring(colon + 1);
                headers.add(new String[] { lines[i].substring(0, colon), value.startsWith(" ") ? value.substring(1) : value });
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, response.substring(end + 4));
        }

        List<String> headers(String name) {
            return headerLines.stream().filter(header -> header[0].equalsIgnoreCase(name)).map(header -> header[1]).toList();
        }

        String header(String name) {
            List<String> values = headers(name);
            return values.isEmpty() ? null : values.get(0);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }
    }
}
