package dev.podcastsearch.source.api;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import dev.podcastsearch.source.EpisodeLink;
import dev.podcastsearch.source.Filterable;
import dev.podcastsearch.source.Hit;
import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.SearchCall;
import dev.podcastsearch.source.SourceClients;
import dev.podcastsearch.source.SourceFailure;
import dev.podcastsearch.source.SourceResult;
import io.smallrye.mutiny.Uni;

/**
 * One configured podcast search API: calls it, judges its answer, and turns it into unified {@link Hit}s.
 * <p>
 * A failure that may pass (HTTP 503 or 429, or a connection that died before answering) is retried once,
 * after the source's Retry-After or at least {@value #RETRY_DELAY_MILLIS} ms, but only if that wait ends within the
 * first half of the search timeout, so that the second try has time to finish; otherwise the failure is
 * reported at once. Every other failure is final: a retry would only delay the same answer.
 */
public final class SearchApiSource implements PodcastSource {

    public static final long RETRY_DELAY_MILLIS = 200;
    private static final Logger LOG = Logger.getLogger(SearchApiSource.class);

    private final String id;
    private final String name;
    private final URI site;
    private final PodcastSearchApi api;
    private final ObjectMapper json;
    private final Duration retryWindow;

    private SearchApiSource(String id, String name, URI site, PodcastSearchApi api, ObjectMapper json, Duration timeout) {
        this.id = id;
        this.name = name;
        this.site = site;
        this.api = api;
        this.json = json;
        this.retryWindow = timeout.dividedBy(2);
    }

    /** The API at {@code baseUrl}, with its own client; links that are paths lead to {@code site}. */
    public static SearchApiSource connect(String id, String name, URI baseUrl, URI site, SourceClients clients,
            long maxBytes, ObjectMapper json) {
        PodcastSearchApi api = clients.build(PodcastSearchApi.class, baseUrl, id, maxBytes);
        return new SearchApiSource(id, name, site, api, json, clients.timeout());
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    /** The APIs' hits say neither when an episode came out nor how long it is. */
    @Override
    public Set<Filterable> filterable() {
        return Set.of();
    }

    /**
     * Searches this source. Nothing is sent until subscription, and cancelling the subscription
     * aborts the HTTP request, or the wait before a retry. Every failure arrives as a {@link SourceFailure}
     * naming this source. An API answers no moments, so {@code moments} changes nothing.
     */
    @Override
    public Uni<SourceResult> search(String query, boolean moments) {
        return Uni.createFrom().deferred(() -> {
            long started = System.nanoTime();
            // A Mutiny retry, not a fault-tolerance guard: a guarded Uni is subscribed by the guard itself,
            // which never passes a cancellation on, so the group could no longer abort this call.
            return attempt(query).onFailure(SourceFailure.class)
                    .recoverWithUni(failure -> retryOnce(query, (SourceFailure) failure, started));
        });
    }

    private Uni<SourceResult> attempt(String query) {
        return Uni.createFrom().deferred(() -> {
            SearchCall call = new SearchCall();
            return body(query, call)
                    .map(this::read)
                    .onFailure().transform(failure -> SourceFailure.of(id, failure, call.hasAnswered()));
        });
    }

    /**
     * The answer's body; cancelling aborts the request, whether or not it has been sent yet. The REST client's
     * {@code Uni} never sees the cancellation: its own handling would lose a request whose connection is still
     * opening (see {@link SearchCall}), so the call is subscribed here and aborted through {@code call}. What the
     * aborted request then reports goes nowhere, since nobody is waiting for it.
     */
    private Uni<byte[]> body(String query, SearchCall call) {
        Uni<byte[]> detached = Uni.createFrom().emitter(emitter -> api.search(query, call).subscribe()
                .with(emitter::complete, emitter::fail));
        return detached.onCancellation().invoke(call::abort);
    }

    private Uni<SourceResult> retryOnce(String query, SourceFailure failure, long started) {
        Duration delay = Duration.ofMillis(RETRY_DELAY_MILLIS);
        Duration wait = failure.retryAfter().filter(asked -> asked.compareTo(delay) > 0).orElse(delay);
        Duration waitEnds = Duration.ofNanos(System.nanoTime() - started).plus(wait);
        if (!failure.mayPass() || waitEnds.compareTo(retryWindow) > 0) {
            return Uni.createFrom().failure(failure);
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(wait)
                .chain(() -> attempt(query));
    }

    private SourceResult read(byte[] body) {
        SearchApiReply reply = parse(body);
        List<SearchApiReply.Item> items = reply.hits();
        List<Hit> hits = items.stream().map(this::unify).toList();
        long unlinked = items.stream().filter(item -> item.url() != null).count()
                - hits.stream().filter(hit -> hit.url() != null).count();
        if (unlinked > 0) {
            // Never the links themselves: they are untrusted text, and the count is what an operator acts on.
            LOG.warnf(unlinked == 1
                    ? "source %s sent %d link that is neither an http(s) URL nor a path on its site; left out"
                    : "source %s sent %d links that are neither http(s) URLs nor paths on its site; left out",
                    id, unlinked);
        }
        List<String> keywords = reply.keywords() == null ? List.of() : reply.keywords();
        return new SourceResult(keywords, hits, false);
    }

    private SearchApiReply parse(byte[] body) {
        SearchApiReply reply;
        try {
            reply = json.readValue(body, SearchApiReply.class);
        } catch (DatabindException e) {
            throw new SourceFailure(id, wrongShape(e));
        } catch (JacksonException e) {
            throw new SourceFailure(id, "response is not valid JSON");
        } catch (IOException e) {
            throw new SourceFailure(id, "response could not be read");
        }
        if (reply == null) {
            throw new SourceFailure(id, "response is not a JSON object");
        }
        // The fields themselves: hits() merges both lists, which read() does once.
        if (reply.results() == null && reply.episodes() == null) {
            throw new SourceFailure(id, "response has neither 'results' nor 'episodes'");
        }
        return reply;
    }

    /** Where the JSON went wrong, in the API's own field names: {@code results[0].id}. */
    private static String wrongShape(DatabindException e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "response is not a JSON object";
        }
        String path = mapping.getPath().stream()
                .map(step -> step.getFieldName() != null ? "." + step.getFieldName() : "[" + step.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
        return "response has a value of the wrong type at " + path;
    }

    private Hit unify(SearchApiReply.Item item) {
        if (item == null || item.anyId() == null || isBlank(item.title()) || isBlank(item.category())) {
            throw new SourceFailure(id, "response has a hit without id, title or category");
        }
        return new Hit(id, item.anyId(), item.category().toLowerCase(Locale.ROOT), item.title(),
                EpisodeLink.resolve(item.url(), site).orElse(null), item.description(), null);
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** Closes the client and its connections. Every client the REST client builder makes is Closeable. */
    @Override
    public void close() {
        try {
            ((Closeable) api).close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
