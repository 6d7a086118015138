package dev.podcastsearch.source.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.podcastsearch.index.OwnWords;
import dev.podcastsearch.source.SourceFailure;
import dev.podcastsearch.source.SourceResult;
import dev.podcastsearch.source.moment.FeedMoments;

/**
 * One feed as the published index holds it: its copy (null until the ingest first read the feed), searched with its
 * moments; what is known of its transcripts and chapters, so that the next ingest asks for them conditionally; and why
 * the ingest's last fetch of it failed, if it did (the copy is then the one before, and answers marked stale).
 */
public record FeedState(String feedUrl, FeedCopy copy, List<FeedMoments.KnownFile> files, String failure) {

    /**
     * What {@code query} finds in this feed (its moments too if {@code moments}), as {@code sourceId}'s answer;
     * {@code stale} also when the ingest's last
     * fetch of the feed failed. A copy older than {@code maxStale} no longer answers, as in the embedded index.
     *
     * @throws SourceFailure when there is no copy to answer from, or it is too old
     */
    public SourceResult search(String sourceId, String query, boolean moments, boolean stale, Instant now,
            Duration maxStale) {
        if (copy == null) {
            throw new SourceFailure(sourceId, "the published index holds no copy of this feed yet"
                    + (failure == null ? "" : ": " + failure));
        }
        if (!copy.usableWhenStaleAt(now, maxStale)) {
            throw new SourceFailure(sourceId, "the published index's copy of this feed is from " + copy.fetched()
                    + ", older than search.feeds.max-stale" + (failure == null ? "" : ": " + failure));
        }
        return copy.search(sourceId, query, stale || failure != null, moments);
    }

    /** Queries made of this feed's own words ({@link OwnWords}), none without a copy: for priming. */
    public List<String> ownWords() {
        return copy == null ? List.of() : OwnWords.of(copy.index());
    }

    /** How many documents its indexes hold: episodes and moments. */
    public long documents() {
        if (copy == null) {
            return 0;
        }
        long moments = copy.index().moments() == null ? 0 : copy.index().moments().numDocs();
        return copy.index().episodes().numDocs() + moments;
    }

    /** When the feed was last read or confirmed unchanged; null if never. */
    public Instant fetched() {
        return copy == null ? null : copy.fetched();
    }
}
