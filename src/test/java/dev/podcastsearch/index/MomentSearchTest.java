package dev.podcastsearch.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podcastsearch.index.Moment.Cue;

/**
 * Moments searched beside their episodes: what a query finds in transcripts and chapters, when it was said, how the
 * fields weigh, and that a pass of new moments leaves the episodes' index as it is.
 */
class MomentSearchTest {

    static final Episode DECORATORS = new Episode(1, "Python Decorators Explained", null,
            "How decorators wrap functions.", Instant.parse("2023-06-01T00:00:00Z"), "How decorators wrap functions.");
    static final Episode RUST = new Episode(2, "Rust for Pythonistas", null, "Extensions in Rust.",
            Instant.parse("2023-08-01T00:00:00Z"), "Extensions in Rust.");

    final MomentIndex moments = MomentIndex.inMemory();
    final IndexSearch episodes = IndexSearch.open(EpisodeIndex.inMemory(List.of(DECORATORS, RUST)));

    IndexSearch withMoments() {
        return episodes.withMoments(moments.commit());
    }

    @Test
    void aPhraseSpokenInATranscriptIsFoundWithTheTimeOfItsCue() {
        moments.replace(1, Moment.Kind.TRANSCRIPT, List.of(new Moment(
                "Welcome back. Using functools.wraps keeps the docstring of what it wraps.", "Christopher",
                List.of(new Cue(0, 0.0, 2.0), new Cue(14, 1501.25, 1505.0)))));

        List<IndexHit> hits = withMoments().search("\"keeps the docstring\"");

        assertThat(hits).singleElement().satisfies(hit -> {
            assertThat(hit.episode()).isEqualTo(1);
            assertThat(hit.highlights()).isEmpty();
            assertThat(hit.moment().found()).isEqualTo(new MomentHit(Moment.Kind.TRANSCRIPT, 1501.25, 1505.0,
                    "Christopher", "Welcome back. Using functools.wraps keeps the docstring of what it wraps.",
                    List.of(List.of(36, 55))));
        });
    }

    @Test
    void accentsFoldAndAnExclusionLeavesOutTheMomentsThatSayIt() {
        moments.replace(1, Moment.Kind.TRANSCRIPT, List.of(
                new Moment("We met at a café in Zürich.", null, List.of(new Cue(0, 10.0, 12.0))),
                new Moment("Zurich again, and rust this time.", null, List.of(new Cue(0, 30.0, 32.0)))));

        assertThat(withMoments().search("ZURICH CAFE")).singleElement()
                .satisfies(hit -> assertThat(hit.moment().found().startS()).isEqualTo(10.0));
        assertThat(withMoments().search("zurich -cafe")).singleElement()
                .satisfies(hit -> assertThat(hit.moment().found().startS()).isEqualTo(30.0));
        assertThat(withMoments().search("\"zurich again")).as("an unbalanced quote is no error").singleElement()
                .satisfies(hit -> assertThat(hit.moment().found().marks())
                        .containsExactly(List.of(0, 6), List.of(7, 12)));
    }

    @Test
    void anEpisodeIsOneMomentOfEachKindItsBestAndTheEarliestOfEqualOnes() {
        moments.replace(2, Moment.Kind.TRANSCRIPT, List.of(
                new Moment("Rust.", null, List.of(new Cue(0, 5.0, 6.0))),
                new Moment("Rust.", null, List.of(new Cue(0, 50.0, 51.0))),
                new Moment("Rust, Rust and more Rust for everyone who writes extensions today.", null,
                        List.of(new Cue(0, 90.0, 99.0)))));
        moments.replace(2, Moment.Kind.CHAPTER, List.of(new Moment("Why Rust", null, List.of(new Cue(0, 0.0, 60.0)))));

        List<IndexHit> hits = withMoments().search("rust");

        assertThat(hits).extracting(hit -> hit.moment() == null ? "episode" : hit.moment().kind().toString())
                .containsExactly("episode", "chapter", "transcript");
        assertThat(hits.get(2).moment().found().startS()).isEqualTo(5.0);
    }

    @Test
    void titleWeighsAboveChaptersAboveDescriptionAboveTranscript() {
        Episode inDescription = new Episode(3, "Another show", null, "All about walrus.", null, "All about walrus.");
        Episode inTitle = new Episode(4, "Walrus", null, null, null, "");
        IndexSearch search = IndexSearch.open(EpisodeIndex.inMemory(List.of(inDescription, inTitle)));
        moments.replace(3, Moment.Kind.TRANSCRIPT, List.of(new Moment("All about walrus.", null, List.of())));
        moments.replace(3, Moment.Kind.CHAPTER, List.of(new Moment("All about walrus.", null, List.of())));

        List<IndexHit> hits = search.withMoments(moments.commit()).search("walrus");

        assertThat(hits).extracting(hit -> hit.moment() == null ? "episode " + hit.episode()
                : hit.moment().kind().toString())
                .containsExactly("episode 4", "chapter", "episode 3", "transcript");
        assertThat(hits.get(3).moment().found().startS()).as("a moment without cues has no time").isNull();
    }

    @Test
    void replacingAFilesMomentsLeavesTheOldOnesOutAndTheEpisodesAsTheyWere() {
        moments.replace(1, Moment.Kind.TRANSCRIPT, List.of(new Moment("An old walrus.", null, List.of())));
        IndexSearch before = withMoments();
        moments.replace(1, Moment.Kind.TRANSCRIPT, List.of(new Moment("A new narwhal.", null, List.of())));
        IndexSearch after = withMoments();

        assertThat(before.search("walrus")).hasSize(1);
        assertThat(after.search("walrus")).isEmpty();
        assertThat(after.search("narwhal")).hasSize(1);
        assertThat(after.search("decorators")).extracting(hit -> hit.episode()).containsExactly(1L);
    }

    @Test
    void momentsOfAnEpisodeTheFeedNoLongerHasAreNotAnswered() {
        moments.replace(9, Moment.Kind.TRANSCRIPT, List.of(new Moment("A lost walrus.", null, List.of())));

        assertThat(withMoments().search("walrus")).isEmpty();
    }
}
