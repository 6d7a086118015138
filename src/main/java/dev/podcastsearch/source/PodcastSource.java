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
     * once. Every failure arrives as a {@link SourceFailure} naming this source. For a search that shows no moments,
     * {@code moments} is false: a source that finds moments (a feed's transcripts and chapters) then leaves them out,
     * rather than find and mark ones nobody sees.
     */
    Uni<SourceResult> search(String query, boolean moments);

    /** {@link #search(String, boolean)} with moments, as a search of every category asks. */
    default Uni<SourceResult> search(String query) {
        return search(query, true);
    }

    /** Closes the source's client and its connections. */
    @Override
    void close();
}
