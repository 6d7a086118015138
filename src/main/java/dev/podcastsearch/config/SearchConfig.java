package dev.podcastsearch.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the search, read from {@code search.*} properties or their
 * environment variables ({@code SEARCH_TIMEOUT}, {@code SEARCH_SOURCES_<ID>_BASE_URL}, ...).
 */
@ConfigMapping(prefix = "search")
public interface SearchConfig {

    /**
     * The sources to query, keyed by source id; a new entry adds a source: a podcast search API ({@code base-url}) or
     * a podcast's RSS feed ({@code feed-url}), exactly one of the two.
     */
    Map<String, Source> sources();

    /** How feed sources keep their copy of a feed. */
    Feeds feeds();

    interface Feeds {

        /** How long a fetched feed is searched before it is fetched again (conditionally). */
        @WithDefault("15m")
        Duration refresh();

        /** How long a copy may still answer searches, marked stale, while the feed cannot be fetched or read. */
        @WithDefault("24h")
        Duration maxStale();

        /** The largest feed read; a larger one fails that source and closes its connection. */
        @WithDefault("10M")
        MemorySize maxSize();
    }

    /**
     * How feed sources fetch the transcripts and chapters their episodes name (podcast:transcript, podcast:chapters),
     * after the feed and never while a search waits; their moments join the index for the searches after.
     */
    Transcripts transcripts();

    interface Transcripts {

        /** The largest transcript or chapters file read; a larger one is skipped and tried again on a later refresh. */
        @WithDefault("2M")
        MemorySize maxSize();

        /**
         * The most files fetched per feed and refresh: new ones first (newest episodes first), then ones that failed,
         * then kept ones due again; the rest wait for the next refresh. 0 fetches none.
         */
        @WithDefault("200")
        int perRefresh();

        /** How long a fetched file is kept before it is asked for again, conditionally, at a refresh of its feed. */
        @WithDefault("24h")
        Duration refresh();
    }

    /** Where the index of the feed sources is built and kept (src/site/markdown/search-index.md). */
    Index index();

    interface Index {

        /**
         * Empty, the default: embedded, each instance fetches and indexes its own feeds. {@code s3://bucket/key}: the
         * ingest function publishes the index there and every instance loads it, fetching no feed itself.
         */
        Optional<String> location();

        /**
         * How often the ingest runs (the template's schedule), and at most how often an instance asks, conditionally,
         * for a newer published index.
         */
        @WithDefault("15m")
        Duration refresh();
    }

    /** Metrics in CloudWatch's Embedded Metric Format on standard output ({@code metrics/SearchMetrics}). */
    Metrics metrics();

    interface Metrics {

        /** Whether every search writes its metric records; off in dev mode and tests, where nothing extracts them. */
        @WithDefault("true")
        boolean enabled();

        /** The {@code Service} dimension: the stack's name on AWS, so that two deployments in one account stay apart. */
        @WithDefault("podcast-search")
        String service();
    }

    /** The deadline for the whole group; when it passes, pending calls are cancelled and the answer is 504. */
    @WithDefault("5s")
    Duration timeout();

    /**
     * The largest answer read from a source ({@code 2M} is 2 MiB). A larger one fails that source: a declared
     * Content-Length is refused before the body is read, and a body without one is cut off when it passes
     * the limit; either way the connection is closed. A real answer is a few KiB, so this only stops
     * runaway or hostile bodies from filling the function's memory, whatever the answer's status.
     */
    @WithDefault("2M")
    MemorySize maxResponseSize();

    /** Suspension of failing sources, one circuit breaker per source; each source may override any of it. */
    Suspension suspension();

    /**
     * When a source is suspended: after {@code failure-ratio} of its last {@code window} calls failed, it is not called
     * for {@code delay}, then one trial call decides whether it is healthy again. A source answering 429 or 503 with a
     * Retry-After that the one retry cannot wait for is suspended for that long, up to {@code max-retry-after}.
     */
    interface Suspension {

        /** Whether failing sources are suspended at all; off, every search calls every source. */
        @WithDefault("true")
        boolean enabled();

        /** How many of a source's most recent calls are judged; none is suspended before it has made this many. */
        @WithDefault("4")
        int window();

        /** The share of those calls that must have failed (or timed out) to suspend the source, above 0 and at most 1. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long a suspended source is left alone before one trial call is let through. */
        @WithDefault("30s")
        Duration delay();

        /** The longest suspension a source's own Retry-After can ask for. */
        @WithDefault("10m")
        Duration maxRetryAfter();
    }

    /** A source's own suspension settings; each one not set is taken from {@code search.suspension}. */
    interface SuspensionOverrides {

        Optional<Boolean> enabled();

        OptionalInt window();

        OptionalDouble failureRatio();

        Optional<Duration> delay();

        Optional<Duration> maxRetryAfter();
    }

    /**
     * The path a custom domain's API mapping puts before every path of the function, e.g. {@code /podcasts} for
     * {@code https://api.example.org/podcasts/search}. The Lambda front takes it off before routing, as it does the
     * stage name API Gateway adds, and passes it on as {@code X-Forwarded-Prefix}, so that links keep it. None if unset.
     */
    Optional<String> basePath();

    interface Source {

        /** Where the API lives: the search is {@code GET <base-url>/api/search?q=...}. Not with {@code feed-url}. */
        Optional<URI> baseUrl();

        /** The podcast's RSS feed, which the function searches itself. Not with {@code base-url}. */
        Optional<URI> feedUrl();

        /** The name shown to users; the source id when not set. */
        Optional<String> name();

        /**
         * The podcast's own site, against which a hit's link that is only a path ({@code /episodes/show/1}) is
         * resolved; the origin of {@code base-url} when not set. A feed's links must be absolute: unused for feeds.
         */
        Optional<URI> siteUrl();

        /**
         * How much this source's ranking counts when the sources' hits are merged: each of its hits scores
         * {@code weight / (60 + rank)}. 0 or more; at 0 its hits come after every other source's.
         */
        @WithDefault("1")
        double weight();

        /** Overrides {@code search.suspension.*} for this source: {@code search.sources.<id>.suspension.delay=5m}. */
        SuspensionOverrides suspension();
    }
}
