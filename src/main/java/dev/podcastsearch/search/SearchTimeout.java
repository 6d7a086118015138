package dev.podcastsearch.search;

import java.time.Duration;
import java.util.List;

/** The group deadline passed before every source answered. */
public class SearchTimeout extends RuntimeException {

    private final Duration timeout;
    private final List<String> pendingSources;

    SearchTimeout(Duration timeout, List<String> pendingSources) {
        super("no complete answer within " + timeout.toMillis() + " ms", null, false, false);
        this.timeout = timeout;
        this.pendingSources = pendingSources;
    }

    public Duration timeout() {
        return timeout;
    }

    public List<String> pendingSources() {
        return pendingSources;
    }
}
