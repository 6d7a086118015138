package dev.podcastsearch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.podcastsearch.search.RankFusion.Ranking;
import dev.podcastsearch.source.Hit;

/** How the sources' rankings become one list, without Quarkus. */
class RankFusionTest {

    @Test
    void withEqualWeightsAndNothingInCommonEachSourcesFirstHitComesFirstSourcesInIdOrder() {
        List<Hit> merged = RankFusion.fuse(List.of(
                ranking("pythonbytes", 1, hit("pythonbytes", 1, "https://pythonbytes.fm/1"),
                        hit("pythonbytes", 2, "https://pythonbytes.fm/2")),
                ranking("talkpython", 1, hit("talkpython", 1, "https://talkpython.fm/1"),
                        hit("talkpython", 2, "https://talkpython.fm/2"),
                        hit("talkpython", 3, "https://talkpython.fm/3"))),
                false);

        assertThat(merged).extracting(hit -> hit.source() + hit.id())
                .containsExactly("pythonbytes1", "talkpython1", "pythonbytes2", "talkpython2", "talkpython3");
    }

    @Test
    void scoreIsTheSumOfWeightOverSixtyPlusRankAndExplainShowsIt() {
        List<Hit> merged = RankFusion.fuse(List.of(
                ranking("feed", 2, hit("feed", 7, "https://example.org/a"), hit("feed", 8, "https://example.org/b")),
                ranking("api", 1, hit("api", 1, "https://example.org/b"))), true);

        Hit shared = merged.stream().filter(hit -> hit.url().endsWith("/b")).findFirst().orElseThrow();
        assertThat(shared.score()).isCloseTo(2.0 / 62 + 1.0 / 61, within(1e-12));
        assertThat(shared.ranks()).isEqualTo(Map.of("api", 1, "feed", 2));
        assertThat(merged.get(0)).as("listed by two sources, it beats the feed's first").isSameAs(shared);
        assertThat(merged.get(1).score()).isCloseTo(2.0 / 61, within(1e-12));
        assertThat(merged.get(1).ranks()).isEqualTo(Map.of("feed", 1));
    }

    @Test
    void withoutExplainThereIsNoScoreOrRanksButAlsoInIsAlwaysThere() {
        List<Hit> merged = RankFusion.fuse(List.of(ranking("api", 1, hit("api", 1, "https://example.org/a"))), false);

        assertThat(merged.get(0).score()).isNull();
        assertThat(merged.get(0).ranks()).isNull();
        assertThat(merged.get(0).alsoIn()).isEmpty();
    }

    @Test
    void aHeavierSourceRanksFirst() {
        List<Hit> merged = RankFusion.fuse(List.of(
                ranking("a", 1, hit("a", 1, "https://a.example/1")),
                ranking("b", 1.5, hit("b", 1, "https://b.example/1"))), false);

        assertThat(merged).extracting(Hit::source).containsExactly("b", "a");
    }

    @Test
    void sameUrlOnceNormalisedIsOneHitKeptFromTheSourceThatRanksItBest() {
        List<Hit> merged = RankFusion.fuse(List.of(
                ranking("api", 1, hit("api", 9, "https://other.example/x"),
                        hit("api", 10, "HTTPS://Example.ORG:443/ep/3/")),
                ranking("feed", 1, hit("feed", 3, "https://example.org/ep/3"))), false);

        assertThat(merged).hasSize(2);
        Hit shared = merged.get(0);
        assertThat(shared.source()).as("rank 1 at the feed beats rank 2 at the API").isEqualTo("feed");
        assertThat(shared.id()).isEqualTo(3);
        assertThat(shared.alsoIn()).containsExactly("api");
    }

    @Test
    void sameAudioIsOneHitWhateverThePagesSay() {
        Hit fromFeed = withAudio(hit("feed", 1, "https://example.org/show/1"), "https://cdn.example/1.mp3");
        Hit fromOther = withAudio(hit("other", 5, "https://elsewhere.example/5"), "https://cdn.example/1.mp3");

        List<Hit> merged = RankFusion.fuse(List.of(ranking("feed", 1, fromFeed), ranking("other", 1, fromOther)), true);

        assertThat(merged).singleElement().satisfies(hit -> {
            assertThat(hit.source()).as("a tie: by source id").isEqualTo("feed");
            assertThat(hit.alsoIn()).containsExactly("other");
            assertThat(hit.ranks()).isEqualTo(Map.of("feed", 1, "other", 1));
        });
    }

    @Test
    void hitsOfOneSourceAreNeverMergedWithEachOther() {
        List<Hit> merged = RankFusion.fuse(List.of(ranking("feed", 1, hit("feed", 1, "https://example.org/a"),
                hit("feed", 2, "https://example.org/a/"))), false);

        assertThat(merged).hasSize(2).allSatisfy(hit -> assertThat(hit.alsoIn()).isEmpty());
    }

    @Test
    void anEpisodeAndItsTranscriptStayApart() {
        Hit episode = hit("api", 1, "https://example.org/a");
        Hit transcript = new Hit("feed", 1, "transcript", "t", "https://example.org/a", "d", null);

        assertThat(RankFusion.fuse(List.of(ranking("api", 1, episode), ranking("feed", 1, transcript)), false))
                .hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({
            "HTTPS://Example.ORG/Path/, https://example.org/Path",
            "http://example.org:80/a, http://example.org/a",
            "https://example.org:8443/a/, https://example.org:8443/a",
            "https://example.org/, https://example.org",
            "https://example.org/a/?b=1#t=2, https://example.org/a?b=1#t=2",
            "http://example.org:443/a, http://example.org:443/a" })
    void linksAreNormalisedInSchemeHostDefaultPortAndTrailingSlashOnly(String link, String normalised) {
        assertThat(RankFusion.normalised(link)).isEqualTo(normalised);
    }

    private static Ranking ranking(String source, double weight, Hit... hits) {
        return new Ranking(source, weight, List.of(hits));
    }

    private static Hit hit(String source, long id, String url) {
        return new Hit(source, id, "episode", source + " " + id, url, "d", null);
    }

    private static Hit withAudio(Hit hit, String audioUrl) {
        return new Hit(hit.source(), hit.id(), hit.category(), hit.title(), hit.url(), hit.description(),
                hit.published(), audioUrl, "audio/mpeg", null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }
}
