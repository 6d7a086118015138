package dev.podcastsearch.support.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one {@link ScriptedUpstream} per source and points the function at them, with a short
 * group timeout so that deadline tests stay quick. Tests receive them through {@link InjectUpstream}.
 * <p>
 * An init arg named after a source changes what stands in for it: {@code untrusted-tls} starts an HTTPS
 * upstream with a self-signed certificate; a URL (such as {@code http://nonexistent.invalid}) points the
 * source there, with no upstream of ours behind it.
 * <p>
 * An init arg {@value #FEED} adds a feed source, {@code realpython}, served by one more upstream at {@code /feed}
 * (inject it as {@code @InjectUpstream("realpython")}).
 * <p>
 * Suspension is off, so that each test sees every fault afresh, however many came before it in the same application;
 * and no feed's transcripts or chapters are fetched ({@code search.transcripts.per-refresh} 0), so that a feed's
 * stand-in sees only the requests for the feed. An init arg named like a property ({@code search.suspension.enabled})
 * sets that property instead.
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {

    public static final String TIMEOUT = "2s";
    public static final String FEED = "realpython";
    private static final List<String> SOURCES = List.of("talkpython", "pythonbytes");

    private final Map<String, ScriptedUpstream> upstreams = new LinkedHashMap<>();
    private Map<String, String> standIns = Map.of();

    @Override
    public void init(Map<String, String> initArgs) {
        standIns = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("search.suspension.enabled", "false");
        config.put("search.transcripts.per-refresh", "0");
        standIns.forEach((name, value) -> {
            if (name.startsWith("search.")) {
                config.put(name, value);
            }
        });
        for (String source : SOURCES) {
            String standIn = standIns.getOrDefault(source, "http");
            String baseUrl;
            if (standIn.contains("://")) {
                baseUrl = standIn;
            } else {
                ScriptedUpstream upstream = standIn.equals("untrusted-tls")
                        ? ScriptedUpstream.startUntrustedTls()
                        : ScriptedUpstream.start();
                upstreams.put(source, upstream);
                baseUrl = upstream.baseUrl();
            }
            config.put("search.sources." + source + ".base-url", baseUrl);
        }
        if (standIns.containsKey(FEED)) {
            ScriptedUpstream feed = ScriptedUpstream.start();
            upstreams.put(FEED, feed);
            config.put("search.sources." + FEED + ".feed-url", feed.baseUrl() + "/feed");
            config.put("search.sources." + FEED + ".name", "The Real Python Podcast");
        }
        config.put("search.timeout", TIMEOUT);
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        upstreams.forEach((source, upstream) -> injector.injectIntoFields(upstream,
                field -> field.isAnnotationPresent(InjectUpstream.class)
                        && field.getAnnotation(InjectUpstream.class).value().equals(source)));
    }

    @Override
    public void stop() {
        try {
            for (ScriptedUpstream upstream : upstreams.values()) {
                upstream.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
