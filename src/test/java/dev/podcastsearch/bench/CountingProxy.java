package dev.podcastsearch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP forwarder on loopback in front of an HTTP server, counting what passes: the {@code GET} requests (by their
 * request lines, which a GET's client never sends in a body) and the {@code 304} answers. The benchmark puts it
 * between a search function and s3rver, which counts nothing, to count each instance's checks of the published index.
 */
final class CountingProxy implements AutoCloseable {

    private static final byte[] GET = "GET /".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NOT_MODIFIED = "HTTP/1.1 304".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final URI target;
    private final AtomicInteger gets = new AtomicInteger();
    private final AtomicInteger notModified = new AtomicInteger();
    /** When the last GET's request line and the last 304's status line passed, in {@link System#nanoTime()}. */
    private final AtomicLong lastGet = new AtomicLong();
    private final AtomicLong lastNotModified = new AtomicLong();

    private CountingProxy(ServerSocket server, URI target) {
        this.server = server;
        this.target = target;
    }

    static CountingProxy start(URI target) throws IOException {
        CountingProxy proxy = new CountingProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), target);
        Thread accept = new Thread(proxy::accept, "counting-proxy");
        accept.setDaemon(true);
        accept.start();
        return proxy;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    int gets() {
        return gets.get();
    }

    int notModified() {
        return notModified.get();
    }

    /**
     * The last conditional GET's round trip as the proxy saw it: from its request line to the 304's status line
     * (S3's answer, the network and the server's own time; not the client's).
     */
    Duration lastNotModifiedRoundTrip() {
        return Duration.ofNanos(lastNotModified.get() - lastGet.get());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(target.getHost(), target.getPort());
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                pipe(client, upstream, GET, gets, lastGet);
                pipe(upstream, client, NOT_MODIFIED, notModified, lastNotModified);
            } catch (IOException e) {
                // Closed: the benchmark is done with it.
            }
        }
    }

    /**
     * Copies {@code from} to {@code to} on a thread of its own, counting {@code pattern} and noting when it last passed;
     * closes both at the end.
     */
    private static void pipe(Socket from, Socket to, byte[] pattern, AtomicInteger count, AtomicLong seen) {
        Thread copy = new Thread(() -> {
            byte[] buffer = new byte[65_536];
            int matched = 0;
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                    for (int i = 0; i < read; i++) {
                        // Neither pattern starts again inside itself, so a mismatch restarts at this byte.
                        matched = buffer[i] == pattern[matched] ? matched + 1 : buffer[i] == pattern[0] ? 1 : 0;
                        if (matched == pattern.length) {
                            seen.set(System.nanoTime());
                            count.incrementAndGet();
                            matched = 0;
                        }
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // One side closed: the other is closed below.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "counting-proxy-pipe");
        copy.setDaemon(true);
        copy.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
