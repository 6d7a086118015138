package dev.podcastsearch.support.upstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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
import java.util.stream.Stream;

import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A stand-in upstream on a raw socket, for what WireMock cannot show: when the function closes a
 * connection it no longer needs, and faults below the HTTP layer. Requests are answered by the
 * current {@link Reply} script; every request and every connection the client closed early is recorded.
 */
public final class ScriptedUpstream implements AutoCloseable {

    private final ServerSocketFactory sockets;
    private final String scheme;
    private final int port;
    private volatile ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Socket> forgotten = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger handshakes = new AtomicInteger();
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "scripted-upstream");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Script script = new Script(List.of(Reply.json("{\"keywords\": [], \"results\": []}")));

    private ScriptedUpstream(ServerSocketFactory sockets, String scheme) {
        this.sockets = sockets;
        this.scheme = scheme;
        this.server = listen(0);
        this.port = server.getLocalPort();
    }

    public static ScriptedUpstream start() {
        return new ScriptedUpstream(ServerSocketFactory.getDefault(), "http");
    }

    /** An HTTPS upstream with the certificate of {@code context}, which the client may be told to trust. */
    public static ScriptedUpstream startTls(SSLContext context) {
        return new ScriptedUpstream(context.getServerSocketFactory(), "https");
    }

    /** How many connections the client opened: fewer than requests when it reuses them. */
    public int connectionsAccepted() {
        return connections.get();
    }

    /** How many TLS handshakes completed. */
    public int tlsHandshakes() {
        return handshakes.get();
    }

    /** Closes every open connection, with a TCP reset if {@code reset}, as a server that drops idle connections does. */
    public void closeConnections(boolean reset) {
        for (Socket socket : open) {
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

    /**
     * Forgets every open connection without telling the client, as when a middlebox dropped an idle connection's
     * mapping or the server restarted: the next request on any of them is answered with a TCP reset.
     */
    public void forgetConnections() {
        forgotten.addAll(open);
    }

    /** An HTTPS upstream whose certificate nobody trusts: self-signed, made for this run. */
    public static ScriptedUpstream startUntrustedTls() {
        return new ScriptedUpstream(SelfSignedCertificate.create().serverSockets(), "https");
    }

    public String baseUrl() {
        return scheme + "://127.0.0.1:" + port;
    }

    /**
     * Answers the next request with {@code first}, the ones after it with {@code then} in turn, the last
     * reply repeating; forgets what was recorded so far, and listens again if {@link #refuse()} stopped it.
     */
    public void answer(Reply first, Reply... then) {
        this.script = new Script(Stream.concat(Stream.of(first), Stream.of(then)).toList());
        if (server.isClosed()) {
            server = listen(port);
        }
    }

    /** Stops listening and drops every open connection, so that connecting is refused until the next {@link #answer}. */
    public void refuse() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }

    public List<Request> requests() {
        return List.copyOf(script.requests);
    }

    /** {@link System#nanoTime()} of each moment the client closed a connection while a reply was still pending. */
    public List<Long> clientClosesWhilePending() {
        return List.copyOf(script.clientCloses);
    }

    /** Waits up to {@code max} for the client to close a pending connection; its nanoTime, or -1. */
    public long awaitClientClose(Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        List<Long> clientCloses = script.clientCloses;
        while (clientCloses.isEmpty() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5);
        }
        return clientCloses.isEmpty() ? -1 : clientCloses.get(0);
    }

    @Override
    public void close() throws IOException {
        refuse();
        workers.shutdownNow();
    }

    private ServerSocket listen(int port) {
        try {
            ServerSocket listening = sockets.createServerSocket();
            // Listening again on the same port after refuse() must not wait for old connections to time out.
            listening.setReuseAddress(true);
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            workers.execute(() -> acceptLoop(listening));
            return listening;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback port " + port, e);
        }
    }

    private void acceptLoop(ServerSocket listening) {
        while (!listening.isClosed()) {
            try {
                Socket socket = listening.accept();
                socket.setTcpNoDelay(true);
                connections.incrementAndGet();
                if (socket instanceof SSLSocket secure) {
                    secure.addHandshakeCompletedListener(event -> handshakes.incrementAndGet());
                }
                workers.execute(() -> serve(socket));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket socket) {
        open.add(socket);
        try (socket) {
            InputStream in = socket.getInputStream();
            String head;
            while ((head = readHead(in)) != null) {
                if (forgotten.remove(socket)) {
                    socket.setSoLinger(true, 0);
                    return;
                }
                Request request = Request.parse(head);
                Script current = script;
                current.requests.add(request);
                Exchange exchange = new Exchange(socket, in, socket.getOutputStream(), request, current);
                current.next().write(exchange);
                if (exchange.closed) {
                    return;
                }
            }
        } catch (IOException e) {
            // The client went away, or never finished a TLS handshake; nothing to answer.
        } finally {
            open.remove(socket);
            forgotten.remove(socket);
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

    /**
     * The replies given since the last {@link #answer}, and what was recorded meanwhile. An exchange records
     * into the script it began under, so a connection left over from an earlier script cannot pass for a
     * connection of the current one.
     */
    private static final class Script {

        private final List<Reply> replies;
        private final AtomicInteger answered = new AtomicInteger();
        private final List<Request> requests = new CopyOnWriteArrayList<>();
        private final List<Long> clientCloses = new CopyOnWriteArrayList<>();

        Script(List<Reply> replies) {
            this.replies = replies;
        }

        Reply next() {
            return replies.get(Math.min(answered.getAndIncrement(), replies.size() - 1));
        }
    }

    /**
     * A request as it arrived: the raw request target, the decoded {@code q} parameter, the
     * {@link System#nanoTime()} at which its head had been read, and the head itself.
     */
    public record Request(String method, String target, String q, long arrived, String head) {

        /** The value of the first header named {@code name} (in any case), or null. */
        public String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).strip();
                }
            }
            return null;
        }

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
            return new Request(line[0], target, q, System.nanoTime(), head);
        }
    }

    /** One request in progress, with the ways a {@link Reply} can answer it. */
    public final class Exchange {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final Request request;
        private final Script script;
        private boolean closed;

        Exchange(Socket socket, InputStream in, OutputStream out, Request request, Script script) {
            this.socket = socket;
            this.in = in;
            this.out = out;
            this.request = request;
            this.script = script;
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

        /**
         * Writes bytes in one write, so that no Nagle delay distorts timings. A write that fails because
         * the client closed the connection is recorded as the client closing it while a reply was pending.
         */
        public void write(byte[] bytes, int length) throws IOException {
            try {
                out.write(bytes, 0, length);
                out.flush();
            } catch (SocketException e) {
                clientClosed();
                throw e;
            }
        }

        public void write(byte[] bytes) throws IOException {
            write(bytes, bytes.length);
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
            script.clientCloses.add(System.nanoTime());
            closed = true;
            return false;
        }
    }
}
