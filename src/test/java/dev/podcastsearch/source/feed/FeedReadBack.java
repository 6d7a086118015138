package dev.podcastsearch.source.feed;

import java.util.List;

import dev.podcastsearch.index.Highlight;
import dev.podcastsearch.source.Hit;

/** A feed read by the function's own feed parser, as a feed source reads one: for tests outside this package. */
public final class FeedReadBack {

    private FeedReadBack() {
    }

    /** The hits {@code xml}'s items become at source {@code source}, in feed order, with no highlights. */
    public static List<Hit> hits(String source, byte[] xml) {
        return FeedParser.parse(source, xml).stream().map(episode -> episode.hit(source, (List<Highlight>) null)).toList();
    }
}
