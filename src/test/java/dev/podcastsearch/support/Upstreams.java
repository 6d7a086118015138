package dev.podcastsearch.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one {@link ScriptedUpstream} per source and points the function at them, with a short
 * group timeout so that deadline tests stay quick. Tests receive them through {@link InjectUpstream}.
 */
public class Upstreams implements QuarkusTestResourceLifecycleManager {

    public static final String TIMEOUT = "2s";

    private ScriptedUpstream talkPython;
    private ScriptedUpstream pythonBytes;

    @Override
    public Map<String, String> start() {
        talkPython = ScriptedUpstream.start();
        pythonBytes = ScriptedUpstream.start();
        return Map.of(
                "search.sources.talkpython.base-url", talkPython.baseUrl(),
                "search.sources.pythonbytes.base-url", pythonBytes.baseUrl(),
                "search.timeout", TIMEOUT);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(talkPython, field -> field.isAnnotationPresent(InjectUpstream.class)
                && field.getAnnotation(InjectUpstream.class).value().equals("talkpython"));
        injector.injectIntoFields(pythonBytes, field -> field.isAnnotationPresent(InjectUpstream.class)
                && field.getAnnotation(InjectUpstream.class).value().equals("pythonbytes"));
    }

    @Override
    public void stop() {
        try {
            talkPython.close();
            pythonBytes.close();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
