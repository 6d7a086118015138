package dev.podcastsearch.source;

import java.util.Set;

import io.smallrye.mutiny.Uni;

/**
 * One configured source, whatever its kind: a podcast search API ({@code source.api}) or a podcast's feed
 * ({@code source.feed}). The group search sees only this.
 */
public interface PodcastSource extends AutoCloseable {

    String id();

    /** The name shown to users. */
    String name();

    /**
     * What this source's hits say, so that a filter on it can judge them: a search filtering on anything else does not
     * ask this source, rather than answer hits that might not pass.
     */
    Set<Filterable> filterable();

    /**
     * Searches this source. Nothing is sent until subscription, and cancelling the subscription stops the call at
     * once. Every failure arrives as a {@link SourceFailure} naming this source.
     */
    Uni<SourceResult> search(String query);

    /**
     * {@link #search(String)}, for a search that shows no moments when {@code moments} is false: a source that finds
     * moments (a feed's transcripts and chapters) may then leave them out, rather than find and mark ones nobody sees.
     */
    default Uni<SourceResult> search(String query, boolean moments) {
        return search(query);
    }

    /** Closes the source's client and its connections. */
    @Override
    void close();
}
