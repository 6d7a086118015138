package dev.podcastsearch.source;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.config.SearchConfig;
import dev.podcastsearch.source.api.SearchApiSource;
import dev.podcastsearch.source.feed.FeedSource;
import dev.podcastsearch.source.published.PublishedFeedSource;
import dev.podcastsearch.source.published.PublishedIndex;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.core.Vertx;

/**
 * The configured sources, in id order, each with its own REST client built once at startup: a search API for each
 * {@code base-url}, a feed for each {@code feed-url} (fetched by this instance, or, when the index is published, read
 * from the {@link PublishedIndex}). Built at startup so that a source configured with both or
 * neither stops the function before it answers anything.
 */
@Startup
@ApplicationScoped
public class Sources {

    private final List<PodcastSource> all;
    private final Map<String, Double> weights;
    private final SourceClients clients;
    private final long maxBytes;
    private final ObjectMapper json;
    private final SearchConfig.Feeds feeds;
    private final SearchConfig.Transcripts transcripts;
    /** Set only by SnapStart priming, while no request is served; then searches reach these instead. */
    private volatile List<PodcastSource> standIns;

    private final Vertx vertx;
    private final PublishedIndex published;
    private final Duration timeout;

    Sources(SearchConfig config, ObjectMapper json, Vertx vertx, PublishedIndex published) {
        this.vertx = vertx;
        this.published = published;
        this.timeout = config.timeout();
        this.clients = new SourceClients(config.timeout());
        this.maxBytes = config.maxResponseSize().asLongValue();
        this.json = json;
        this.feeds = config.feeds();
        this.transcripts = config.transcripts();
        this.all = config.sources().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> connect(entry.getKey(), entry.getValue()))
                .toList();
        this.weights = config.sources().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> weight(entry.getKey(), entry.getValue())));
    }

    private static double weight(String id, SearchConfig.Source source) {
        double weight = source.weight();
        if (!(weight >= 0) || Double.isInfinite(weight)) {
            throw new ConfigurationException("search.sources." + id + ".weight is " + weight + ": it must be a number,"
                    + " 0 or more (1 when not set)");
        }
        return weight;
    }

    private PodcastSource connect(String id, SearchConfig.Source source) {
        String name = source.name().orElse(id);
        if (source.baseUrl().isPresent() == source.feedUrl().isPresent()) {
            throw new ConfigurationException("source '" + id + "' has " + (source.baseUrl().isPresent() ? "both" : "neither")
                    + " search.sources." + id + ".base-url and search.sources." + id + ".feed-url: set exactly one,"
                    + " base-url for a podcast search API or feed-url for a podcast's RSS feed");
        }
        if (source.feedUrl().isPresent() && published.isPublished()) {
            // Half the group's deadline for a newer index, so that the loaded one still answers within it.
            return new PublishedFeedSource(id, name, published, timeout.dividedBy(2), feeds.maxStale());
        }
        if (source.feedUrl().isPresent()) {
            return FeedSource.connect(id, name, source.feedUrl().get(), vertx, clients.timeout(), feeds, transcripts);
        }
        URI baseUrl = source.baseUrl().get();
        return SearchApiSource.connect(id, name, baseUrl, source.siteUrl().orElse(origin(baseUrl)), clients, maxBytes, json);
    }

    /** A search API at {@code baseUrl} built exactly as the configured ones are, for priming; whoever connects it closes it. */
    public PodcastSource connect(String id, URI baseUrl) {
        return SearchApiSource.connect(id, id, baseUrl, origin(baseUrl), clients, maxBytes, json);
    }

    /** A feed at {@code feedUrl} built exactly as the configured ones are, with a copy of its own, for priming. */
    public PodcastSource connectFeed(String id, URI feedUrl) {
        return FeedSource.connect(id, id, feedUrl, vertx, clients.timeout(), feeds, transcripts);
    }

    private static URI origin(URI baseUrl) {
        return baseUrl.resolve("/");
    }

    /** How much a source's ranking counts in the merge, its {@code weight}; 1 for one not configured (priming's). */
    public double weight(String sourceId) {
        return weights.getOrDefault(sourceId, 1.0);
    }

    /** The configured sources. */
    public List<PodcastSource> all() {
        return all;
    }

    /** What a search asks: the configured sources, or while priming has them in place, its stand-ins. */
    public List<PodcastSource> searched() {
        List<PodcastSource> primingWith = standIns;
        return primingWith == null ? all : primingWith;
    }

    /**
     * SnapStart priming only, from its {@code beforeCheckpoint} hook (Lambda serves no request then): until
     * {@link #searchConfigured()}, every search asks these stand-ins, so that priming can run whole requests through
     * the function's front without calling a configured source.
     */
    public void searchStandIns(List<PodcastSource> primingWith) {
        standIns = List.copyOf(primingWith);
    }

    /** Whether SnapStart priming has its stand-ins in place: the requests served now are priming's own. */
    public boolean isPriming() {
        return standIns != null;
    }

    /** Ends {@link #searchStandIns}: searches ask the configured sources again. */
    public void searchConfigured() {
        standIns = null;
    }
}
