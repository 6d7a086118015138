package dev.podcastsearch.source.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.podcastsearch.source.SourceFailure;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

/**
 * The fetch rule as a fetch meets it, with the network kept on loopback: host names come from a resolver of the test's
 * own, and a connect hook stands between the fetcher and Vert.x's client. The hook lets through connections to
 * loopback, plays the part of a public host (203.0.113.10, a documentation address) with a loopback stand-in, and fails
 * the test if a connection to any other address is ever attempted.
 */
class UrlFetcherTest {

    static final String PUBLIC = "203.0.113.10";

    static Vertx vertx;
    ScriptedUpstream publicFeed;
    ScriptedUpstream internal;
    HttpClient real;
    final List<String> forbiddenConnects = new CopyOnWriteArrayList<>();
    final List<String> connects = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterAll
    static void stopVertx() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @BeforeEach
    void startStandIns() {
        publicFeed = ScriptedUpstream.start();
        internal = ScriptedUpstream.start();
        internal.answer(Reply.feed("<rss/>", null, null));
        real = vertx.createHttpClient();
    }

    @AfterEach
    void stopStandIns() throws Exception {
        publicFeed.close();
        internal.close();
        real.close();
        assertThat(forbiddenConnects).as("connections attempted off loopback").isEmpty();
    }

    @Test
    void aPublicFeedRedirectingToLoopbackIsRefusedWithoutConnecting() {
        publicFeed.answer(redirect(internal.baseUrl() + "/runtime"));

        assertRefused(fetcher(Map.of()).get(URI.create("http://feed.example/feed"), null, null),
                "redirected to an address that is not fetched");
        assertThat(internal.connectionsAccepted()).isZero();
    }

    @Test
    void aPublicFeedRedirectingToANameThatResolvesToAPrivateAddressIsRefusedWithoutConnecting() {
        publicFeed.answer(redirect("http://intranet.example/admin"));

        assertRefused(fetcher(Map.of("intranet.example", "10.0.0.5")).get(URI.create("http://feed.example/feed"), null,
                null), "redirected to an address that is not fetched");
        assertThat(connects).containsExactly(PUBLIC);
    }

    @Test
    void aRedirectToInstanceMetadataIsRefusedWithoutConnecting() {
        publicFeed.answer(redirect("http://169.254.169.254/latest/meta-data/"));

        assertRefused(fetcher(Map.of()).get(URI.create("http://feed.example/feed"), null, null),
                "redirected to an address that is not fetched");
        assertThat(connects).containsExactly(PUBLIC);
    }

    @Test
    void aConfiguredNameThatResolvesToALinkLocalAddressIsRefusedWithoutConnecting() {
        URI configured = URI.create("http://metadata.example/feed");
        UrlFetcher fetcher = new UrlFetcher("feed", configured, hooked(), resolver(Map.of("metadata.example",
                "169.254.169.254")), new AddressRule(Optional.empty()), Duration.ofSeconds(5), 1024, "*/*");

        assertRefused(fetcher.get(configured, null, null), "URL leads to an address that is not fetched");
        assertThat(connects).isEmpty();
    }

    @Test
    void theFetchConnectsToTheAddressThatWasCheckedEvenIfTheNameResolvesElsewhereLater() throws Exception {
        publicFeed.answer(Reply.feed("<rss/>", null, null));
        AtomicInteger lookups = new AtomicInteger();
        // A DNS answer that changes after the check: public first, loopback from then on.
        UrlFetcher.Resolver rebinding = host -> Future.succeededFuture(List.of(address(
                lookups.getAndIncrement() == 0 ? PUBLIC : "127.0.0.1")));
        URI configured = URI.create("http://feed.example/feed");
        UrlFetcher fetcher = new UrlFetcher("feed", configured, hooked(), rebinding, new AddressRule(Optional.empty()),
                Duration.ofSeconds(5), 1024, "*/*");

        assertThat(fetcher.get(configured, null, null).result().get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertThat(lookups).hasValue(1);
        assertThat(connects).containsExactly(PUBLIC);
    }

    @Test
    void aFeedConfiguredOnLoopbackMayRedirectWithinLoopback() throws Exception {
        ScriptedUpstream local = ScriptedUpstream.start();
        try {
            local.answer(redirect(internal.baseUrl() + "/moved"));
            URI configured = URI.create(local.baseUrl() + "/feed");
            UrlFetcher fetcher = new UrlFetcher("feed", configured, hooked(), resolver(Map.of()),
                    new AddressRule(Optional.empty()), Duration.ofSeconds(5), 1024, "*/*");

            assertThat(fetcher.get(configured, null, null).result().get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(internal.requests()).hasSize(1);
        } finally {
            local.close();
        }
    }

    @Test
    void theFilesAPublicFeedNamesOnLoopbackOrAtInstanceMetadataAreRefusedWithoutConnecting() throws Exception {
        publicFeed.answer(Reply.feed("<rss/>", null, null));
        UrlFetcher feed = fetcher(Map.of());
        assertThat(feed.get(URI.create("http://feed.example/feed"), null, null).result().get(10, TimeUnit.SECONDS)
                .status()).isEqualTo(200);
        UrlFetcher files = feed.forFiles(1024, "*/*");

        assertRefused(files.get(URI.create(internal.baseUrl() + "/transcript.vtt"), null, null),
                "URL leads to an address that is not fetched");
        assertRefused(files.get(URI.create("http://169.254.169.254/latest/meta-data/"), null, null),
                "URL leads to an address that is not fetched");
        assertThat(connects).containsExactly(PUBLIC);
        assertThat(internal.connectionsAccepted()).isZero();
    }

    @Test
    void theFilesAFeedConfiguredOnLoopbackNamesOnLoopbackAreFetchedWithTheirOwnSizeBound() throws Exception {
        internal.answer(Reply.json("{\"segments\": []}"));
        URI configured = URI.create(internal.baseUrl() + "/feed");
        UrlFetcher feed = new UrlFetcher("feed", configured, hooked(), resolver(Map.of()),
                new AddressRule(Optional.empty()), Duration.ofSeconds(5), 1024, "*/*");
        assertThat(feed.get(configured, null, null).result().get(10, TimeUnit.SECONDS).status()).isEqualTo(200);

        assertThat(feed.forFiles(1024, "*/*").get(URI.create(internal.baseUrl() + "/transcript.json"), null, null)
                .result().get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
        assertRefused(feed.forFiles(8, "*/*").get(URI.create(internal.baseUrl() + "/transcript.json"), null, null),
                "response larger than 8 bytes");
    }

    private UrlFetcher fetcher(Map<String, String> moreNames) {
        return new UrlFetcher("feed", URI.create("http://feed.example/feed"), hooked(), resolver(moreNames),
                new AddressRule(Optional.empty()), Duration.ofSeconds(5), 1024, "*/*");
    }

    /** feed.example is the public host; other names as given; IP literals as they are. */
    private static UrlFetcher.Resolver resolver(Map<String, String> moreNames) {
        return host -> {
            String mapped = host.equals("feed.example") ? PUBLIC : moreNames.get(host);
            if (mapped == null && !Character.isDigit(host.charAt(0)) && !host.contains(":")) {
                return Future.failedFuture(new UnknownHostException(host));
            }
            return Future.succeededFuture(List.of(address(mapped == null ? host : mapped)));
        };
    }

    /** Vert.x's client behind the connect hook. */
    private HttpClient hooked() {
        return (HttpClient) Proxy.newProxyInstance(HttpClient.class.getClassLoader(), new Class<?>[] { HttpClient.class },
                (proxy, method, arguments) -> {
                    if (method.getName().equals("request") && arguments.length == 1
                            && arguments[0] instanceof RequestOptions options) {
                        String host = options.getServer().hostAddress();
                        connects.add(host);
                        if (host.equals(PUBLIC)) {
                            options.setServer(SocketAddress.inetSocketAddress(
                                    URI.create(publicFeed.baseUrl()).getPort(), "127.0.0.1"));
                        } else if (!InetAddress.getByName(host).isLoopbackAddress()) {
                            forbiddenConnects.add(host);
                            return Future.failedFuture(new AssertionError("connect attempted to " + host));
                        }
                    }
                    try {
                        return method.invoke(real, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static Reply redirect(String location) {
        return Reply.raw("HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\n\r\n");
    }

    private static void assertRefused(UrlFetcher.Fetch fetch, String reason) {
        assertThatThrownBy(() -> fetch.result().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SourceFailure.class)
                .extracting(failure -> ((SourceFailure) failure).reason()).isEqualTo(reason);
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
