package dev.podcastsearch.source.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.podcastsearch.index.IndexSearch;

/**
 * The copy of a feed an instance searches: its episodes' index, built when the copy was fetched, the episodes by id
 * (what a hit shows beyond what is searched), the validators to ask for it again conditionally, and when it was
 * fetched (or last confirmed by a 304). Wall-clock time, not {@code nanoTime}: a SnapStart instance may be restored
 * days after its snapshot. {@code revalidate} marks a copy that must be fetched again before it is searched as fresh,
 * whatever its age.
 */
record FeedCopy(IndexSearch index, Map<Long, Episode> episodes, String etag, String lastModified, Instant fetched,
        boolean revalidate) {

    /** The episodes by id; of two items with one id (a feed that numbers two alike), the first. */
    static Map<Long, Episode> byId(List<Episode> episodes) {
        Map<Long, Episode> byId = new HashMap<>();
        episodes.forEach(episode -> byId.putIfAbsent(episode.id(), episode));
        return Map.copyOf(byId);
    }

    /** The episode the index found by its id. */
    Episode episode(long id) {
        return episodes.get(id);
    }

    boolean freshAt(Instant now, Duration refresh) {
        return !revalidate && now.isBefore(fetched.plus(refresh));
    }

    boolean usableWhenStaleAt(Instant now, Duration maxStale) {
        return now.isBefore(fetched.plus(maxStale));
    }

    /** The same copy, confirmed current by a 304 at {@code now}; validators it sent along replace the old ones. */
    FeedCopy renewed(Instant now, String newEtag, String newLastModified) {
        return new FeedCopy(index, episodes, newEtag != null ? newEtag : etag,
                newLastModified != null ? newLastModified : lastModified, now, false);
    }

    FeedCopy mustRevalidate() {
        return new FeedCopy(index, episodes, etag, lastModified, fetched, true);
    }
}
