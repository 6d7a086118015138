package dev.podcastsearch.source.feed;

import java.time.Duration;
import java.time.Instant;

import dev.podcastsearch.index.IndexSearch;

/**
 * The copy of a feed an instance searches: its episodes' index, built when the copy was fetched, the validators to
 * ask for it again conditionally, and when it was fetched (or last confirmed by a 304). Wall-clock time, not {@code nanoTime}: a SnapStart instance may be
 * restored days after its snapshot. {@code revalidate} marks a copy that must be fetched again before it is
 * searched as fresh, whatever its age.
 */
record FeedCopy(IndexSearch index, String etag, String lastModified, Instant fetched, boolean revalidate) {

    boolean freshAt(Instant now, Duration refresh) {
        return !revalidate && now.isBefore(fetched.plus(refresh));
    }

    boolean usableWhenStaleAt(Instant now, Duration maxStale) {
        return now.isBefore(fetched.plus(maxStale));
    }

    /** The same copy, confirmed current by a 304 at {@code now}; validators it sent along replace the old ones. */
    FeedCopy renewed(Instant now, String newEtag, String newLastModified) {
        return new FeedCopy(index, newEtag != null ? newEtag : etag,
                newLastModified != null ? newLastModified : lastModified, now, false);
    }

    FeedCopy mustRevalidate() {
        return new FeedCopy(index, etag, lastModified, fetched, true);
    }
}
