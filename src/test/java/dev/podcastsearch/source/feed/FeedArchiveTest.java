package dev.podcastsearch.source.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.podcastsearch.index.Moment;
import dev.podcastsearch.index.MomentIndex;
import dev.podcastsearch.source.Hit;
import dev.podcastsearch.source.SourceFailure;
import dev.podcastsearch.source.fetch.UrlFetcher;
import dev.podcastsearch.source.moment.FeedMoments;
import dev.podcastsearch.source.moment.Transcript;
import dev.podcastsearch.support.upstream.SampleFeed;

/**
 * The published index as one object: what an instance loads answers every search as the ingest's own copy did, and an
 * object cut short or changed on the way is refused whole.
 */
class FeedArchiveTest {

    static final Instant FETCHED = Instant.parse("2026-12-01T10:15:30Z");
    static final Duration DAY = Duration.ofDays(1);

    @Test
    void aLoadedArchiveAnswersEverySearchAsTheCopyItWasWrittenFrom() throws IOException {
        FeedState written = transcribedFeed();
        FeedArchive.Archive read = FeedArchive.read(new ByteArrayInputStream(archive(written)));

        assertThat(read.built()).isEqualTo(FETCHED.plusSeconds(60));
        FeedState loaded = read.feeds().get("realpython");
        for (String query : List.of("walrus", "python", "\"effective python\"", "decorators -click", "Café")) {
            List<Hit> before = written.search("realpython", query, true, false, FETCHED, DAY).hits();
            assertThat(before).as(query).isNotEmpty();
            assertThat(loaded.search("realpython", query, true, false, FETCHED, DAY).hits()).as(query).isEqualTo(before);
        }
        assertThat(loaded.search("realpython", "walrus", true, false, FETCHED, DAY).hits())
                .anySatisfy(hit -> assertThat(hit.moment()).isNotNull());
        assertThat(loaded.copy().etag()).isEqualTo("\"v1\"");
        assertThat(loaded.copy().lastModified()).isEqualTo("Tue, 01 Dec 2026 10:00:00 GMT");
        assertThat(loaded.files()).isEqualTo(written.files());
    }

    @Test
    void aFeedTheIngestCouldNotReadYetFailsItsSourceSayingWhy() throws IOException {
        FeedState never = new FeedState("https://example.org/feed.xml", null, List.of(), "answered HTTP 500");
        FeedState loaded = FeedArchive.read(new ByteArrayInputStream(archive(never))).feeds().get("realpython");

        assertThatThrownBy(() -> loaded.search("realpython", "python", true, false, FETCHED, DAY))
                .isInstanceOf(SourceFailure.class)
                .hasMessageContaining("holds no copy of this feed yet: answered HTTP 500");
    }

    @Test
    void aCopyWhoseLastFetchFailedAnswersMarkedStale() throws IOException {
        FeedState failed = new FeedState(transcribedFeed().feedUrl(), transcribedFeed().copy(), List.of(),
                "answered HTTP 503");
        FeedState loaded = FeedArchive.read(new ByteArrayInputStream(archive(failed))).feeds().get("realpython");

        assertThat(loaded.search("realpython", "python", true, false, FETCHED, DAY).stale()).isTrue();
        assertThatThrownBy(() -> loaded.search("realpython", "python", true, false, FETCHED.plus(DAY), DAY))
                .isInstanceOf(SourceFailure.class).hasMessageContaining("older than search.feeds.max-stale");
    }

    @Test
    void anArchiveCutShortIsRefusedWhole() throws IOException {
        byte[] whole = archive(transcribedFeed());
        for (int length : new int[] { whole.length - 1, whole.length - 200, whole.length / 2, 10, 0 }) {
            assertThatThrownBy(() -> FeedArchive.read(new ByteArrayInputStream(Arrays.copyOf(whole, length))))
                    .as("cut at %d of %d bytes", length, whole.length).isInstanceOf(IOException.class);
        }
    }

    @Test
    void anArchiveWithAByteChangedIsRefusedWhole() throws IOException {
        byte[] whole = archive(transcribedFeed());
        byte[] changed = whole.clone();
        changed[whole.length / 2] ^= 0x5a;

        assertThatThrownBy(() -> FeedArchive.read(new ByteArrayInputStream(changed))).isInstanceOf(IOException.class);
    }

    @Test
    void somethingElseThanAnArchiveIsRefused() {
        byte[] html = "<html><body>Access denied</body></html>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FeedArchive.read(new ByteArrayInputStream(html))).isInstanceOf(IOException.class)
                .hasMessageContaining("cut short");
    }

    /** The sample feed as the ingest keeps it: read at {@link #FETCHED}, with episode 3's transcript indexed. */
    static FeedState transcribedFeed() {
        FeedCopy copy = FeedCopy.read("realpython", new UrlFetcher.Answer(200,
                SampleFeed.text().getBytes(StandardCharsets.UTF_8), "\"v1\"", "Tue, 01 Dec 2026 10:00:00 GMT"),
                FETCHED);
        MomentIndex moments = MomentIndex.inMemory();
        moments.replace(3, Moment.Kind.TRANSCRIPT, Transcript.read(SampleFeed.file("3/transcript.srt")));
        List<FeedMoments.KnownFile> files = List.of(new FeedMoments.KnownFile(3, Moment.Kind.TRANSCRIPT,
                "https://realpython.com/podcasts/rpp/3/transcript.srt", "\"t3\"", null,
                FETCHED.truncatedTo(ChronoUnit.SECONDS), false));
        return new FeedState("https://realpython.com/podcasts/rpp/feed", copy.withMoments(moments.commit()), files,
                null);
    }

    static byte[] archive(FeedState feed) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FeedArchive.write(FETCHED.plusSeconds(60), Map.of("realpython", feed), out);
        return out.toByteArray();
    }
}
