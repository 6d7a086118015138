package dev.podcastsearch.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the search, read from {@code search.*} properties or their
 * environment variables ({@code SEARCH_TIMEOUT}, {@code SEARCH_SOURCES_<ID>_BASE_URL}, ...).
 */
@ConfigMapping(prefix = "search")
public interface SearchConfig {

    /** The podcast search APIs to query, keyed by source id; a new entry adds a source. */
    Map<String, Source> sources();

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

    /**
     * The path a custom domain's API mapping puts before every path of the function, e.g. {@code /podcasts} for
     * {@code https://api.example.org/podcasts/search}. The Lambda front takes it off before routing, as it does the
     * stage name API Gateway adds, and passes it on as {@code X-Forwarded-Prefix}, so that links keep it. None if unset.
     */
    Optional<String> basePath();

    interface Source {

        /** Where the API lives: the search is {@code GET <base-url>/api/search?q=...}. */
        URI baseUrl();

        /** The name shown to users; the source id when not set. */
        Optional<String> name();
    }
}
