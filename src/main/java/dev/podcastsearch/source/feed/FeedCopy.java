package dev.podcastsearch.source.feed;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.DirectoryReader;

import dev.podcastsearch.index.EpisodeIndex;
import dev.podcastsearch.index.IndexSearch;
import dev.podcastsearch.source.Hit;
import dev.podcastsearch.source.SourceFailure;
import dev.podcastsearch.source.SourceResult;
import dev.podcastsearch.source.fetch.UrlFetcher;
import dev.podcastsearch.source.moment.FeedMoments;

/**
 * The copy of a feed an instance searches: its episodes' index, built when the copy was fetched (with the feed's
 * moments beside it, which change on their own), the episodes by id (what a hit shows beyond what is searched), the
 * files its episodes name (newest episode first), the validators to ask for it again conditionally, and when it was
 * fetched (or last confirmed by a 304). Wall-clock time, not {@code nanoTime}: a SnapStart instance may be restored
 * days after its snapshot. {@code revalidate} marks a copy that must be fetched again before it is searched as fresh,
 * whatever its age.
 */
record FeedCopy(IndexSearch index, Map<Long, Episode> episodes, List<FeedMoments.Files> files, String etag,
        String lastModified, Instant fetched, boolean revalidate) {

    /**
     * The copy a fetched feed gives: its items read ({@link FeedParser}) and indexed, at {@code now}.
     *
     * @throws SourceFailure when the body is not an RSS feed
     */
    static FeedCopy read(String sourceId, UrlFetcher.Answer answer, Instant now) {
        List<Episode> episodes = FeedParser.parse(sourceId, answer.body());
        IndexSearch index = IndexSearch.open(EpisodeIndex.inMemory(episodes.stream().map(Episode::indexed).toList()));
        return new FeedCopy(index, byId(episodes), files(episodes), answer.etag(), answer.lastModified(), now, false);
    }

    /** What {@code query} finds in this copy, as {@code sourceId}'s answer; its moments too if {@code moments}. */
    SourceResult search(String sourceId, String query, boolean stale, boolean moments) {
        List<Hit> hits = index.search(query, moments).stream()
                .map(found -> {
                    Episode episode = episodes.get(found.episode());
                    return found.moment() == null ? episode.hit(sourceId, found.highlights())
                            : episode.hit(sourceId, found.moment());
                })
                .toList();
        return new SourceResult(List.of(), hits, stale);
    }

    /** The episodes by id; of two items with one id (a feed that numbers two alike), the first. */
    static Map<Long, Episode> byId(List<Episode> episodes) {
        Map<Long, Episode> byId = new HashMap<>();
        episodes.forEach(episode -> byId.putIfAbsent(episode.id(), episode));
        return Map.copyOf(byId);
    }

    /** The files the episodes name, newest episode first (undated last), else in feed order. */
    static List<FeedMoments.Files> files(List<Episode> episodes) {
        return episodes.stream()
                .sorted(Comparator.comparing(Episode::published, Comparator.nullsLast(Comparator.reverseOrder())))
                .filter(episode -> episode.details().transcriptUrl() != null || episode.details().chaptersUrl() != null)
                .map(episode -> new FeedMoments.Files(episode.id(), episode.details().transcriptUrl(),
                        episode.details().chaptersUrl()))
                .toList();
    }

    /** The same copy, searched with {@code moments} beside its episodes. */
    FeedCopy withMoments(DirectoryReader moments) {
        return new FeedCopy(index.withMoments(moments), episodes, files, etag, lastModified, fetched, revalidate);
    }

    boolean freshAt(Instant now, Duration refresh) {
        return !revalidate && now.isBefore(fetched.plus(refresh));
    }

    boolean usableWhenStaleAt(Instant now, Duration maxStale) {
        return now.isBefore(fetched.plus(maxStale));
    }

    /** The same copy, confirmed current by a 304 at {@code now}; validators it sent along replace the old ones. */
    FeedCopy renewed(Instant now, String newEtag, String newLastModified) {
        return new FeedCopy(index, episodes, files, newEtag != null ? newEtag : etag,
                newLastModified != null ? newLastModified : lastModified, now, false);
    }

    FeedCopy mustRevalidate() {
        return new FeedCopy(index, episodes, files, etag, lastModified, fetched, true);
    }
}
