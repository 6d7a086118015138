package dev.podcastsearch.source.feed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

import dev.podcastsearch.source.Sources;
import io.quarkus.runtime.StartupEvent;

/**
 * SnapStart: no copy of a feed is searched as fresh in an instance restored from a snapshot, however young it was
 * when the snapshot was taken; the first search after a restore fetches again, conditionally. A copy kept this way
 * still answers as stale if that fetch fails within {@code max-stale} of when the copy was fetched. Priming fetches
 * only its own stand-in feed, so normally there is no copy to mark.
 */
@ApplicationScoped
class FeedCopiesAtSnapshot implements Resource {

    private final Sources sources;

    FeedCopiesAtSnapshot(Sources sources) {
        this.sources = sources;
    }

    void register(@Observes StartupEvent started) {
        // The CRaC context holds resources weakly; this application-scoped bean keeps itself alive.
        Core.getGlobalContext().register(this);
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        mustRevalidate();
    }

    /** Again after the restore, in case a search fetched a feed after the hook above ran. */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
        mustRevalidate();
    }

    private void mustRevalidate() {
        sources.all().stream().filter(FeedSource.class::isInstance).map(FeedSource.class::cast)
                .forEach(FeedSource::mustRevalidate);
    }
}
