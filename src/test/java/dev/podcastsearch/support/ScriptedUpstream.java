package dev.podcastsearch.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A stand-in upstream on a raw socket, for what WireMock cannot show: when the function closes a
 * connection it no longer needs, and faults below the HTTP layer. Each request is answered by the
 * current {@link Reply}; every request and every connection the client closed early is recorded,
 * and so are the connections the client opened (and, over TLS, the handshakes), which shows whether
 * it reuses them.
 */
public final class ScriptedUpstream implements AutoCloseable {

    private final ServerSocket server;
    private final boolean tls;
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-upstream");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Long> clientCloses = new CopyOnWriteArrayList<>();
    private final Set<Socket> openConnections = ConcurrentHashMap.newKeySet();
    private final Set<Socket> forgottenConnections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private volatile Reply reply = Reply.json("{\"keywords\": [], \"results\": []}");

    private ScriptedUpstream(ServerSocket server, boolean tls) {
        this.server = server;
        this.tls = tls;
        workers.execute(this::acceptLoop);
    }

    public static ScriptedUpstream start() {
        try {
            return new ScriptedUpstream(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port", e);
        }
    }

    /** An HTTPS stand-in whose certificate comes from {@code context}; the client must trust it. */
    public static ScriptedUpstream startTls(SSLContext context) {
        try {
            return new ScriptedUpstream(
                    context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress()), true);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port", e);
        }
    }

    public String baseUrl() {
        return (tls ? "https" : "http") + "://127.0.0.1:" + server.getLocalPort();
    }

    /** How many connections the client opened so far. */
    public int connectionsAccepted() {
        return connections.get();
    }

    /** How many TLS handshakes completed so far; reused connections need none. */
    public int tlsHandshakes() {
        return handshakes.get();
    }

    /**
     * Closes every open connection, as a server does to idle keep-alive connections when its idle timeout
     * passes. With {@code reset}, by TCP reset instead of an orderly close.
     */
    public void closeConnections(boolean reset) {
        for (Socket socket : openConnections) {
            try {
                if (reset) {
                    socket.setSoLinger(true, 0);
                }
                socket.close();
            } catch (IOException e) {
                // Already gone: that is what was wanted.
            }
        }
    }

    /** Answers every request from now on with {@code reply}, and forgets what was recorded so far. */
    public void answer(Reply reply) {
        this.reply = reply;
        requests.clear();
        clientCloses.clear();
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** {@link System#nanoTime()} of each moment the client closed a connection while a reply was still pending. */
    public List<Long> clientClosesWhilePending() {
        return List.copyOf(clientCloses);
    }

    /** Waits up to {@code max} for the client to close a pending connection; its nanoTime, or -1. */
    public long awaitClientClose(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (clientCloses.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return clientCloses.isEmpty() ? -1 : clientCloses.get(0);
    }

    @Override
    public void close() throws IOException {
        server.close();
        workers.shutdownNow();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                connections.incrementAndGet();
                if (socket instanceof SSLSocket secure) {
                    secure.addHandshakeCompletedListener(event -> handshakes.incrementAndGet());
                }
                openConnections.add(socket);
                workers.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /**
     * Forgets every open connection without telling the client, as when a middlebox dropped an idle connection's
     * mapping or the server restarted: the next request on any of them is answered with a TCP reset.
     */
    public void forgetConnections() {
        forgottenConnections.addAll(openConnections);
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head;
            while ((head = readHead(in)) != null) {
                if (forgottenConnections.remove(socket)) {
                    socket.setSoLinger(true, 0);
                    return;
                }
                Request request = Request.parse(head);
                requests.add(request);
                Exchange exchange = new Exchange(socket, in, socket.getOutputStream(), request);
                reply.write(exchange);
                if (exchange.closed) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } finally {
            openConnections.remove(socket);
            forgottenConnections.remove(socket);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) != -1) {
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    /** A request as it arrived: the raw request target and the decoded {@code q} parameter. */
    public record Request(String method, String target, String q) {

        static Request parse(String head) {
            String[] line = head.substring(0, head.indexOf("\r\n")).split(" ");
            String target = line[1];
            String q = null;
            int query = target.indexOf('?');
            if (query >= 0) {
                for (String pair : target.substring(query + 1).split("&")) {
                    if (pair.startsWith("q=")) {
                        q = URLDecoder.decode(pair.substring(2), StandardCharsets.UTF_8);
                    }
                }
            }
            return new Request(line[0], target, q);
        }
    }

    /** One request in progress, with the ways a {@link Reply} can answer it. */
    public final class Exchange {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final Request request;
        private boolean closed;

        Exchange(Socket socket, InputStream in, OutputStream out, Request request) {
            this.socket = socket;
            this.in = in;
            this.out = out;
            this.request = request;
        }

        public Request request() {
            return request;
        }

        /**
         * Waits {@code delay}, or until the client closes the connection, which is recorded.
         * Returns false if the client closed it: there is nobody left to answer.
         */
        public boolean await(Duration delay) throws IOException {
            if (delay.isZero()) {
                return true;
            }
            socket.setSoTimeout((int) Math.max(1, delay.toMillis()));
            try {
                // The client sends nothing more while it waits for this answer, so a read ends only
                // when the delay passes (timeout) or the client closes the connection (-1 or reset).
                if (in.read() == -1) {
                    return clientClosed();
                }
                return true;
            } catch (SocketTimeoutException e) {
                return true;
            } catch (SocketException e) {
                return clientClosed();
            } finally {
                socket.setSoTimeout(0);
            }
        }

        /** Writes bytes in one write, so that no Nagle delay distorts timings. */
        public void write(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        public void write(String text) throws IOException {
            write(text.getBytes(StandardCharsets.UTF_8));
        }

        /** Closes with a TCP reset instead of an orderly close. */
        public void reset() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
            closed = true;
        }

        public void close() throws IOException {
            socket.close();
            closed = true;
        }

        private boolean clientClosed() {
            clientCloses.add(System.nanoTime());
            closed = true;
            return false;
        }
    }
}
