package dev.podcastsearch.support.lambda;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1, one thread per connection, for local stand-ins of AWS endpoints.
 * A handler may block (a long poll), so a slow exchange never holds up another connection.
 *
 * <p>
 * Every response goes out in a single write on a socket with TCP_NODELAY. A response written as headers
 * and body in two small writes otherwise waits for the peer's delayed ACK (Nagle), about 40 ms a time,
 * which would swamp the latencies the tests measure.
 */
final class LoopbackHttpServer implements AutoCloseable {

    /** Answers one request; may block until it has something to say. */
    interface Handler {
        Response handle(Request request) throws Exception;
    }

    /** A request with header names in lower case and the body already de-chunked. */
    record Request(String method, String path, Map<String, String> headers, byte[] body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    record Response(int status, Map<String, String> headers, byte[] body) {

        static Response json(int status, String json) {
            return new Response(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final ServerSocket serverSocket;
    private final Handler handler;
    private final String name;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private volatile boolean closed;

    private LoopbackHttpServer(ServerSocket serverSocket, String name, Handler handler) {
        this.serverSocket = serverSocket;
        this.name = name;
        this.handler = handler;
    }

    /** Listens on a free port of 127.0.0.1 at once; {@code name} names its threads. */
    static LoopbackHttpServer start(String name, Handler handler) throws IOException {
        ServerSocket socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        LoopbackHttpServer server = new LoopbackHttpServer(socket, name, handler);
        Thread acceptor = new Thread(server::acceptConnections, name + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
        return server;
    }

    int port() {
        return serverSocket.getLocalPort();
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(serverSocket);
        connections.forEach(LoopbackHttpServer::closeQuietly);
    }

    private void acceptConnections() {
        while (!closed) {
            try {
                Socket socket = serverSocket.accept();
                socket.setTcpNoDelay(true);
                connections.add(socket);
                Thread thread = new Thread(() -> serve(socket), name + "-conn-" + connectionCount.incrementAndGet());
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println(name + ": accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (!closed) {
                Request request = readRequest(in, out);
                if (request == null) {
                    return;
                }
                Response response;
                try {
                    response = handler.handle(request);
                } catch (Exception e) {
                    response = Response.json(500, "{\"errorMessage\":\"" + e.getClass().getSimpleName() + "\"}");
                }
                out.write(encode(response));
                out.flush();
                if ("close".equalsIgnoreCase(request.header("connection"))) {
                    return;
                }
            }
        } catch (SocketException | EOFException e) {
            // The peer went away, or close() closed the socket: nothing is owed to anyone.
        } catch (IOException e) {
            if (!closed) {
                System.err.println(name + ": connection failed: " + e);
            }
        } finally {
            connections.remove(socket);
        }
    }

    /** The next request on the connection, or null at a clean end of stream. */
    private static Request readRequest(InputStream in, OutputStream out) throws IOException {
        String head = readHead(in);
        if (head == null) {
            return null;
        }
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length < 3) {
            throw new IOException("malformed request line: " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunked(in);
        } else {
            String length = headers.get("content-length");
            body = in.readNBytes(length == null ? 0 : Integer.parseInt(length));
        }
        return new Request(requestLine[0], requestLine[1], headers, body);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new EOFException("connection closed inside a request head");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEAD_BYTES) {
                throw new IOException("request head over " + MAX_HEAD_BYTES + " bytes");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                while (!readLine(in).isEmpty()) {
                    // Trailers carry nothing these stand-ins need.
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed inside a chunked body");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] encode(Response response) {
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ").append(response.status()).append(' ').append(reason(response.status())).append("\r\n");
        response.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("Content-Length: ").append(response.body().length).append("\r\n\r\n");
        ByteArrayOutputStream whole = new ByteArrayOutputStream(head.length() + response.body().length);
        whole.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        whole.writeBytes(response.body());
        return whole.toByteArray();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 410 -> "Gone";
            default -> "Internal Server Error";
        };
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing is best effort: the socket is unusable either way.
        }
    }
}
