package dev.podcastsearch.source;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpClosedException;

/** One configured podcast search API: calls it and turns its answer into unified {@link Hit}s. */
public final class PodcastSource implements AutoCloseable {

    private final String id;
    private final String name;
    private final PodcastSearchApi api;

    PodcastSource(String id, String name, PodcastSearchApi api) {
        this.id = id;
        this.name = name;
        this.api = api;
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    /**
     * Searches this source. Nothing is sent until subscription, and cancelling the subscription
     * aborts the HTTP request. Every failure arrives as a {@link SourceFailure} naming this source.
     */
    public Uni<SourceResult> search(String query) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            return api.search(query).map(response -> read(response, started));
        })
                // A pooled connection the source dropped while Lambda had the function frozen fails on first use;
                // one more attempt, on a new connection, is safe for this idempotent GET.
                .onFailure(PodcastSource::lostConnection).retry().atMost(1)
                .onFailure().transform(failure -> SourceFailure.of(id, failure));
    }

    /** The connection broke under the request: unlike a refused connection, a timeout or a bad answer. */
    private static boolean lostConnection(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpClosedException || (cause instanceof SocketException && !(cause instanceof ConnectException))) {
                return true;
            }
        }
        return false;
    }

    private SourceResult read(Response response, long started) {
        try (response) {
            if (response.getStatus() != 200) {
                throw new SourceFailure(id, "answered HTTP " + response.getStatus());
            }
            MediaType type = response.getMediaType();
            if (type != null && !type.getSubtype().toLowerCase(Locale.ROOT).endsWith("json")) {
                throw new SourceFailure(id, "answered " + type.getType() + "/" + type.getSubtype() + ", not JSON");
            }
            SearchApiReply reply = readReply(response);
            List<Hit> hits = reply.hits().stream().map(this::unify).toList();
            List<String> keywords = reply.keywords() == null ? List.of() : reply.keywords();
            return new SourceResult(this, keywords, hits, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        }
    }

    private SearchApiReply readReply(Response response) {
        SearchApiReply reply;
        try {
            reply = response.readEntity(SearchApiReply.class);
        } catch (ProcessingException | WebApplicationException e) {
            // The body has already arrived whole, so whatever fails here is its content.
            throw new SourceFailure(id, "response is not the expected JSON");
        }
        if (reply == null || reply.hits() == null) {
            throw new SourceFailure(id, "response has neither 'results' nor 'episodes'");
        }
        return reply;
    }

    private Hit unify(SearchApiReply.Item item) {
        if (item == null || item.anyId() == null || isBlank(item.title()) || isBlank(item.category())) {
            throw new SourceFailure(id, "response has a hit without id, title or category");
        }
        return new Hit(id, item.anyId(), item.category().toLowerCase(Locale.ROOT), item.title(), item.url(),
                item.description());
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** Closes the client and its pooled connections. Every client the REST client builder makes is Closeable. */
    @Override
    public void close() {
        try {
            ((Closeable) api).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
