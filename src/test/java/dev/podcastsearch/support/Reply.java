package dev.podcastsearch.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** How a {@link ScriptedUpstream} answers a request. */
@FunctionalInterface
public interface Reply {

    void write(ScriptedUpstream.Exchange exchange) throws IOException;

    static Reply json(String body) {
        return status(200, "application/json", body);
    }

    static Reply status(int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + status + " Status\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + bytes.length + "\r\n\r\n";
        return exchange -> exchange.write(head + body);
    }

    /** Never answers; the connection stays open until the client gives up. */
    static Reply never() {
        return exchange -> exchange.await(Duration.ofHours(1));
    }

    /** Resets the connection as soon as the request arrives. */
    static Reply reset() {
        return ScriptedUpstream.Exchange::reset;
    }

    /** This reply, sent after {@code delay} unless the client closes the connection first. */
    default Reply after(Duration delay) {
        return exchange -> {
            if (exchange.await(delay)) {
                write(exchange);
            }
        };
    }
}
