package dev.podcastsearch.source.fetch;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import dev.podcastsearch.source.AnswerHeadFilter;
import dev.podcastsearch.source.SourceClients;
import dev.podcastsearch.source.SourceFailure;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Fetches URLs that a source supplied (its feed, and the transcripts and chapters the feed names), with every bound:
 * connect and read timeouts, the answer capped in size, at most {@value #MAX_REDIRECTS} redirects (301, 302, 303, 307,
 * 308; each to the same scheme or to https, never from https to http), conditional requests, and the
 * {@link AddressRule}: each host name is resolved here and the connection opened to exactly the address that was
 * checked, for the first request and for every redirect, so that neither a redirect nor a DNS answer that changes
 * between check and connect can lead a fetch where the rule forbids.
 * <p>
 * Vert.x's HTTP client rather than the REST client: only Vert.x's {@link RequestOptions#setServer} connects to a given
 * address while still naming the host in {@code Host}, SNI and the certificate check, and the REST client does not
 * expose it.
 */
public final class UrlFetcher implements AutoCloseable {

    static final int MAX_REDIRECTS = 3;
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Logger LOG = Logger.getLogger(UrlFetcher.class);

    /** How a host name becomes addresses; tests map names of their own. */
    interface Resolver {
        Future<List<InetAddress>> resolve(String host);
    }

    /** What a fetch brought: 200 with the body, or 304 (the copy the validators named is current) without one. */
    public record Answer(int status, byte[] body, String etag, String lastModified) {
    }

    private final String sourceId;
    private final URI configuredUrl;
    private final HttpClient client;
    private final Resolver resolver;
    private final AddressRule rule;
    private final long timeoutMillis;
    private final long maxBytes;
    private final String accept;
    /**
     * Whether the configured URL is on an internal address, known once it has been resolved, null before; shared with
     * the fetcher of the files it names ({@link #forFiles}), which never fetches the configured URL itself.
     */
    private final AtomicReference<Boolean> internal;
    /**
     * False for {@link #forFiles}' fetcher, which uses the feed's client, and leaves the logging of a refusal to the
     * caller, which logs each file it skips once.
     */
    private final boolean ownsClient;

    UrlFetcher(String sourceId, URI configuredUrl, HttpClient client, Resolver resolver, AddressRule rule,
            Duration timeout, long maxBytes, String accept) {
        this(sourceId, configuredUrl, client, resolver, rule, timeout, maxBytes, accept, new AtomicReference<>(), true);
    }

    private UrlFetcher(String sourceId, URI configuredUrl, HttpClient client, Resolver resolver, AddressRule rule,
            Duration timeout, long maxBytes, String accept, AtomicReference<Boolean> internal, boolean ownsClient) {
        this.sourceId = sourceId;
        this.configuredUrl = configuredUrl;
        this.client = client;
        this.resolver = resolver;
        this.rule = rule;
        this.timeoutMillis = timeout.toMillis();
        this.maxBytes = maxBytes;
        this.accept = accept;
        this.internal = internal;
        this.ownsClient = ownsClient;
    }

    /** A fetcher for the source {@code sourceId} configured at {@code configuredUrl}, on the application's Vert.x. */
    public static UrlFetcher of(Vertx vertx, String sourceId, URI configuredUrl, Duration timeout, long maxBytes,
            String accept) {
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setForceSni(true).setVerifyHost(true));
        Resolver resolver = host -> vertx.executeBlocking(() -> List.of(InetAddress.getAllByName(host)), false);
        return new UrlFetcher(sourceId, configuredUrl, client, resolver, AddressRule.ofThisInstance(), timeout,
                maxBytes, accept);
    }

    /**
     * A fetcher for the files the source's feed names (transcripts, chapters), with a size bound and an Accept of its
     * own: the same client, rule and timeouts, and internal addresses allowed exactly when they are for the feed. Closed
     * with this one; closing it alone does nothing.
     */
    public UrlFetcher forFiles(long filesMaxBytes, String filesAccept) {
        return new UrlFetcher(sourceId, configuredUrl, client, resolver, rule, Duration.ofMillis(timeoutMillis),
                filesMaxBytes, filesAccept, internal, false);
    }

    /**
     * Starts a GET of {@code url}, conditional when validators are given; redirects are followed and never remembered.
     * Any answer but 200 or 304, and any failure, fails the fetch with a {@link SourceFailure}.
     */
    public Fetch get(URI url, String etag, String lastModified) {
        Fetch fetch = new Fetch();
        hop(fetch, url, etag, lastModified, 0);
        return fetch;
    }

    private void hop(Fetch fetch, URI url, String etag, String lastModified, int redirects) {
        if (fetch.result.isDone()) {
            return;
        }
        String host = url.getHost();
        resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host).onComplete(resolved -> {
            if (resolved.failed()) {
                fetch.fail(SourceFailure.of(sourceId, resolved.cause(), false));
                return;
            }
            InetAddress address = allowed(url, resolved.result(), redirects);
            if (address == null) {
                if (ownsClient) {
                    LOG.warnf("source %s: not fetched: %s resolves only to addresses the fetch rule forbids", sourceId,
                            host);
                }
                fetch.fail(new SourceFailure(sourceId,
                        (redirects == 0 ? "URL leads to " : "redirected to ") + AddressRule.REFUSED));
                return;
            }
            send(fetch, url, address, etag, lastModified, redirects);
        });
    }

    /** The first address the rule allows, or null; the configured URL's own address says whether internal ones are. */
    private InetAddress allowed(URI url, List<InetAddress> addresses, int redirects) {
        if (redirects == 0 && url.equals(configuredUrl) && !addresses.isEmpty()) {
            internal.set(AddressRule.isInternal(addresses.get(0)));
        }
        boolean internalAllowed = Boolean.TRUE.equals(internal.get());
        int port = port(url);
        for (InetAddress address : addresses) {
            if (rule.allows(new InetSocketAddress(address, port), internalAllowed)) {
                return address;
            }
        }
        return null;
    }

    private void send(Fetch fetch, URI url, InetAddress address, String etag, String lastModified, int redirects) {
        boolean https = url.getScheme().equalsIgnoreCase("https");
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                // The checked address itself, without its name, so that nothing resolves the host again.
                .setServer(SocketAddress.inetSocketAddress(new InetSocketAddress(withoutName(address), port(url))))
                .setHost(url.getHost())
                .setPort(port(url))
                .setSsl(https)
                .setURI(url.getRawPath() == null || url.getRawPath().isEmpty() ? "/"
                        : url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()))
                .setConnectTimeout(timeoutMillis)
                .setIdleTimeout(timeoutMillis)
                .setFollowRedirects(false)
                .putHeader(HttpHeaders.ACCEPT, accept);
        if (etag != null) {
            options.putHeader(HttpHeaders.IF_NONE_MATCH, etag);
        }
        if (lastModified != null) {
            options.putHeader(HttpHeaders.IF_MODIFIED_SINCE, lastModified);
        }
        client.request(options).onComplete(opened -> {
            if (opened.failed()) {
                fetch.fail(SourceFailure.of(sourceId, opened.cause(), false));
                return;
            }
            HttpClientRequest request = opened.result();
            if (!fetch.sending(request)) {
                return;
            }
            request.send().onComplete(answered -> {
                if (answered.failed()) {
                    fetch.fail(SourceFailure.of(sourceId, answered.cause(), fetch.answered));
                    return;
                }
                fetch.answered = true;
                answered(fetch, url, request, answered.result(), etag, lastModified, redirects);
            });
        });
    }

    private void answered(Fetch fetch, URI url, HttpClientRequest request, HttpClientResponse response, String etag,
            String lastModified, int redirects) {
        int status = response.statusCode();
        if (REDIRECTS.contains(status)) {
            // The connection goes back to the pool once the (small, capped) body is read.
            String location = response.getHeader(HttpHeaders.LOCATION);
            read(fetch, request, response, body -> redirect(fetch, url, status, location, etag, lastModified, redirects));
            return;
        }
        SourceFailure failure = status == 304 ? null
                : AnswerHeadFilter.failureOf(sourceId, status, response.getHeader(HttpHeaders.RETRY_AFTER));
        if (failure != null) {
            // Nothing of an error answer is used: resetting closes its connection instead of reading the body.
            fetch.fail(failure);
            discard(request, response);
            return;
        }
        if (SourceClients.declaresMoreThan(response.getHeader(HttpHeaders.CONTENT_LENGTH), maxBytes)) {
            fetch.fail(AnswerHeadFilter.tooLarge(sourceId, maxBytes));
            discard(request, response);
            return;
        }
        String newEtag = blankIsNull(response.getHeader(HttpHeaders.ETAG));
        String newLastModified = blankIsNull(response.getHeader(HttpHeaders.LAST_MODIFIED));
        read(fetch, request, response, body -> fetch.succeed(new Answer(status, status == 304 ? null : body.getBytes(),
                newEtag, newLastModified)));
    }

    private void read(Fetch fetch, HttpClientRequest request, HttpClientResponse response,
            Consumer<Buffer> whole) {
        Buffer body = Buffer.buffer();
        response.exceptionHandler(broken -> fetch.fail(SourceFailure.of(sourceId, broken, true)));
        response.handler(chunk -> {
            if (body.length() + chunk.length() > maxBytes) {
                // Failed first: the reset below also ends the response, as broken.
                fetch.fail(AnswerHeadFilter.tooLarge(sourceId, maxBytes));
                request.reset();
                return;
            }
            body.appendBuffer(chunk);
        });
        response.endHandler(end -> whole.accept(body));
    }

    /**
     * Closes the connection of an answer of which nothing more is read. The reset ends the response as broken, which
     * the fetch, failed already, need not hear: without a handler Vert.x would log it as an error.
     */
    private static void discard(HttpClientRequest request, HttpClientResponse response) {
        response.exceptionHandler(ended -> {
        });
        request.reset();
    }

    private void redirect(Fetch fetch, URI url, int status, String location, String etag, String lastModified,
            int redirects) {
        if (redirects >= MAX_REDIRECTS) {
            fetch.fail(new SourceFailure(sourceId, "answered HTTP " + status + " after " + MAX_REDIRECTS
                    + " redirects (at most " + MAX_REDIRECTS + " are followed)"));
            return;
        }
        URI next;
        try {
            next = location == null ? null : url.resolve(new URI(location.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            next = null;
        }
        String from = url.getScheme().toLowerCase(Locale.ROOT);
        String to = next == null || next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (next == null || next.getHost() == null || !(to.equals("https") || to.equals(from))) {
            fetch.fail(new SourceFailure(sourceId, "answered HTTP " + status
                    + " to a location that is not followed (only to the same scheme or to https)"));
            return;
        }
        hop(fetch, next, etag, lastModified, redirects + 1);
    }

    private static int port(URI url) {
        return url.getPort() != -1 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static InetAddress withoutName(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress());
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String blankIsNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public void close() {
        if (ownsClient) {
            client.close();
        }
    }

    /** One fetch, redirects included: its outcome, and a way to stop it at whatever stage it is. */
    public static final class Fetch {

        private final CompletableFuture<Answer> result = new CompletableFuture<>();
        private HttpClientRequest request;
        private volatile boolean answered;

        /** Completes with the answer, or exceptionally with a {@link SourceFailure}. */
        public CompletableFuture<Answer> result() {
            return result;
        }

        /** Stops the fetch with {@code reason}: a request under way is reset, which closes its connection. */
        public void abort(SourceFailure reason) {
            HttpClientRequest current;
            synchronized (this) {
                current = request;
            }
            result.completeExceptionally(reason);
            if (current != null) {
                current.reset();
            }
        }

        /** Keeps the request about to be sent; false (and the request reset) if the fetch has ended meanwhile. */
        private synchronized boolean sending(HttpClientRequest next) {
            request = next;
            // Failures reach the fetch through the send future; without a handler, a reset would also be logged.
            next.exceptionHandler(reported -> {
            });
            if (result.isDone()) {
                next.reset();
                return false;
            }
            return true;
        }

        private void succeed(Answer answer) {
            result.complete(answer);
        }

        private void fail(SourceFailure failure) {
            result.completeExceptionally(failure);
        }
    }
}
