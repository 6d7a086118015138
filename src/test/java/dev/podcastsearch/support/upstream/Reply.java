package dev.podcastsearch.support.upstream;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

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

    /** A 200 RSS feed with these validators (each left out when null). */
    static Reply feed(String body, String etag, String lastModified) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml; charset=utf-8\r\n"
                + (etag == null ? "" : "ETag: " + etag + "\r\n")
                + (lastModified == null ? "" : "Last-Modified: " + lastModified + "\r\n")
                + "Content-Length: " + bytes.length + "\r\n\r\n";
        return exchange -> exchange.write(head + body);
    }

    /** 304 Not Modified, with no body, as a server answers a conditional request whose copy is current. */
    static Reply notModified(String etag) {
        return raw("HTTP/1.1 304 Not Modified\r\nETag: " + etag + "\r\n\r\n");
    }

    /** A 200 RSS feed {@code size} bytes long, padded with whitespace inside the channel, written as {@link #largeJson} is. */
    static Reply largeFeed(long size, boolean chunked) {
        return large("200 OK", "application/rss+xml", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>",
                "</channel></rss>", size, chunked);
    }

    /** Exactly these bytes, however broken: a reader of the test sees what went over the wire. */
    static Reply raw(String text) {
        return exchange -> exchange.write(text);
    }

    /** Never answers; the connection stays open until the client gives up. */
    static Reply never() {
        return exchange -> exchange.await(Duration.ofHours(1));
    }

    /** Resets the connection as soon as the request arrives. */
    static Reply reset() {
        return ScriptedUpstream.Exchange::reset;
    }

    /** Closes the connection without sending a byte: an empty reply. */
    static Reply close() {
        return ScriptedUpstream.Exchange::close;
    }

    /** Sends {@code text} one byte at a time, {@code interval} apart, until done or the client closes. */
    static Reply dribble(String text, Duration interval) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return exchange -> {
            for (byte b : bytes) {
                if (!exchange.await(interval)) {
                    return;
                }
                exchange.write(new byte[] { b });
            }
        };
    }

    /**
     * A 200 JSON answer that is valid and {@code size} bytes long, padded with whitespace, written 64 KiB
     * at a time so that no copy of it is ever held; with a Content-Length, or chunked.
     */
    static Reply largeJson(long size, boolean chunked) {
        return large("200 OK", "application/json", "{\"keywords\": [], \"results\": []", "}", size, chunked);
    }

    /** An HTTP 500 HTML error page {@code size} bytes long, written as {@link #largeJson} is. */
    static Reply largeErrorPage(long size, boolean chunked) {
        return large("500 Internal Server Error", "text/html", "<html><body>", "</body></html>", size, chunked);
    }

    private static Reply large(String status, String contentType, String start, String end, long size, boolean chunked) {
        long padding = size - start.length() - end.length();
        return exchange -> {
            exchange.write("HTTP/1.1 " + status + "\r\nContent-Type: " + contentType + "\r\n"
                    + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + size) + "\r\n\r\n");
            part(exchange, chunked, start.getBytes(StandardCharsets.US_ASCII), start.length());
            byte[] block = new byte[64 * 1024];
            Arrays.fill(block, (byte) ' ');
            for (long left = padding; left > 0; left -= block.length) {
                part(exchange, chunked, block, (int) Math.min(block.length, left));
            }
            part(exchange, chunked, end.getBytes(StandardCharsets.US_ASCII), end.length());
            if (chunked) {
                exchange.write("0\r\n\r\n");
            }
        };
    }

    /** A 200 chunked JSON answer that never ends: it keeps sending whitespace as fast as the client reads. */
    static Reply endlessJson() {
        return exchange -> {
            exchange.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n");
            byte[] start = "{\"results\": [".getBytes(StandardCharsets.US_ASCII);
            part(exchange, true, start, start.length);
            byte[] block = new byte[8 * 1024];
            Arrays.fill(block, (byte) ' ');
            while (true) {
                part(exchange, true, block, block.length);
            }
        };
    }

    /** This reply, sent after {@code delay} unless the client closes the connection first. */
    default Reply after(Duration delay) {
        return exchange -> {
            if (exchange.await(delay)) {
                write(exchange);
            }
        };
    }

    /** This reply, then {@code next} on the same connection: {@code raw(head).then(reset())} breaks off mid-answer. */
    default Reply then(Reply next) {
        return exchange -> {
            write(exchange);
            next.write(exchange);
        };
    }

    /** Writes part of a body, framed as one chunk when the body is chunked. */
    private static void part(ScriptedUpstream.Exchange exchange, boolean chunked, byte[] bytes, int length)
            throws IOException {
        if (chunked) {
            exchange.write(Integer.toHexString(length) + "\r\n");
        }
        exchange.write(bytes, length);
        if (chunked) {
            exchange.write("\r\n");
        }
    }
}
