package dev.podcastsearch.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podcastsearch.health.SourceStatus;
import dev.podcastsearch.search.SearchResponse.SourceSummary;

/** The header's text, whatever the configured sources are called. */
class ServerTimingTest {

    /**
     * A comma in a source's name would be cut apart by dev mode's HTTP server, quotes or not, so it is left out; the
     * header then reads the same in dev mode and on Lambda.
     */
    @Test
    void aCommaInASourcesNameIsLeftOutOfItsDescription() {
        SearchReport report = () -> List.of(
                new SourceSummary("news", "News, Views & \"Talk\"", 35, 0, SourceStatus.OK, null, null, null));

        assertThat(ServerTiming.of(report, 41_000_000)).isEqualTo("news;dur=35;desc=\"News Views & \\\"Talk\\\"\",total;dur=41.0");
    }
}
