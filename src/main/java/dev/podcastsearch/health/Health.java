package dev.podcastsearch.health;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import dev.podcastsearch.config.SearchConfig;
import dev.podcastsearch.source.PodcastSource;

/**
 * The health of every source, kept per function instance: each Lambda instance learns on its own which sources fail,
 * and a cold start begins with every source healthy.
 */
@ApplicationScoped
public class Health {

    private final SearchConfig config;
    private final ConcurrentMap<String, SourceHealth> bySource = new ConcurrentHashMap<>();

    Health(SearchConfig config) {
        this.config = config;
    }

    /** Starts a call of {@code source}, or finds it suspended; either way the call must be settled. */
    public SourceCall start(PodcastSource source) {
        return bySource.computeIfAbsent(source.id(), this::healthOf).start(source);
    }

    /** The source's own settings over the defaults; a source that is not configured (priming's) takes the defaults. */
    private SourceHealth healthOf(String sourceId) {
        SearchConfig.Suspension defaults = config.suspension();
        boolean enabled = defaults.enabled();
        SourceHealth.Settings settings = new SourceHealth.Settings(defaults.window(), defaults.failureRatio(),
                defaults.delay(), defaults.maxRetryAfter());
        SearchConfig.Source configured = config.sources().get(sourceId);
        if (configured != null) {
            SearchConfig.SuspensionOverrides own = configured.suspension();
            enabled = own.enabled().orElse(enabled);
            settings = new SourceHealth.Settings(own.window().orElse(settings.window()),
                    own.failureRatio().orElse(settings.failureRatio()), own.delay().orElse(settings.delay()),
                    own.maxRetryAfter().orElse(settings.maxRetryAfter()));
        }
        return new SourceHealth(sourceId, enabled ? settings : null);
    }
}
