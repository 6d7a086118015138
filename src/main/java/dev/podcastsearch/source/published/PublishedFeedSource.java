package dev.podcastsearch.source.published;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import dev.podcastsearch.source.Filterable;
import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.SourceFailure;
import dev.podcastsearch.source.SourceResult;
import dev.podcastsearch.source.feed.FeedSource;
import dev.podcastsearch.source.feed.FeedState;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A podcast's feed as a source when the index is published ({@code search.index.location} set): it answers from the
 * loaded {@link PublishedIndex} and fetches nothing itself. A search first lets a due check of the index end, for at
 * most {@code wait}: a download that takes longer finishes for the searches after, and this one answers from the index
 * loaded. Stale while the bucket cannot be read, or while the ingest cannot fetch the feed.
 */
public final class PublishedFeedSource implements PodcastSource {

    private final String id;
    private final String name;
    private final PublishedIndex index;
    private final Duration wait;
    private final Duration maxStale;

    public PublishedFeedSource(String id, String name, PublishedIndex index, Duration wait, Duration maxStale) {
        this.id = id;
        this.name = name;
        this.index = index;
        this.wait = wait;
        this.maxStale = maxStale;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<Filterable> filterable() {
        return FeedSource.FILTERABLE;
    }

    @Override
    public Uni<SourceResult> search(String query, boolean moments) {
        return Uni.createFrom().completionStage(index::fresh)
                .ifNoItem().after(wait).recoverWithItem((Void) null)
                // On a worker thread of its own: the group subscribes to its members one after another, and an index
                // answered on the subscribing thread would hold every other feed's search back until it is done.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .map(checked -> answer(query, moments));
    }

    /** Queries made of this feed's own words in the index loaded, none when it holds no copy: for priming. */
    public List<String> ownWords() {
        PublishedIndex.Loaded loaded = index.current().loaded();
        FeedState feed = loaded == null ? null : loaded.feeds().get(id);
        return feed == null ? List.of() : feed.ownWords();
    }

    private SourceResult answer(String query, boolean moments) {
        PublishedIndex.Current current = index.current();
        FeedState feed = current.loaded() == null ? null : current.loaded().feeds().get(id);
        if (feed == null) {
            throw new SourceFailure(id, current.loaded() == null ? current.missing()
                    : "the published index does not hold this feed yet: the ingest adds it on its next run");
        }
        return feed.search(id, query, moments, current.stale(), Instant.now(), maxStale);
    }

    @Override
    public void close() {
        // The index is the application's, closed with it.
    }
}
