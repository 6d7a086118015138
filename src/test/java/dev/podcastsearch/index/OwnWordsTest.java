package dev.podcastsearch.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podcastsearch.index.Moment.Cue;

/**
 * Priming's queries of an index's own words: each finds what it was made from, a moment when there is one, so that
 * priming searches run the paths a real search runs, not those of a search that finds nothing.
 */
class OwnWordsTest {

    @Test
    void aWordItsBeginningAndAPhraseOfTheFirstMomentEachFindThatMoment() {
        MomentIndex moments = MomentIndex.inMemory();
        moments.replace(1, Moment.Kind.TRANSCRIPT, List.of(new Moment("So, the walrus operator: it assigns in place.",
                null, List.of(new Cue(0, 750.5, 752.0)))));
        IndexSearch index = IndexSearch.open(EpisodeIndex.inMemory(List.of(MomentSearchTest.DECORATORS)))
                .withMoments(moments.commit());

        List<String> queries = OwnWords.of(index);

        assertThat(queries).containsExactly("walrus", "walr*", "\"walrus operator\"");
        assertThat(queries).allSatisfy(query -> assertThat(index.search(query))
                .anySatisfy(hit -> assertThat(hit.moment()).isNotNull()));
    }

    @Test
    void wordsAreTheIndexsOwnSoThatAPhraseOverADottedNameStillFindsItsMoment() {
        MomentIndex moments = MomentIndex.inMemory();
        moments.replace(1, Moment.Kind.TRANSCRIPT, List.of(new Moment("Using functools.wraps keeps the docstring.",
                null, List.of(new Cue(0, 1501.25, 1505.0)))));
        IndexSearch index = IndexSearch.open(EpisodeIndex.inMemory(List.of(MomentSearchTest.DECORATORS)))
                .withMoments(moments.commit());

        List<String> queries = OwnWords.of(index);

        assertThat(queries).containsExactly("using", "usin*", "\"using functools.wraps\"");
        assertThat(queries).allSatisfy(query -> assertThat(index.search(query))
                .anySatisfy(hit -> assertThat(hit.moment()).isNotNull()));
    }

    @Test
    void withoutMomentsTheFirstEpisodesTitleGivesThemAndAnEmptyIndexNone() {
        IndexSearch episodes = IndexSearch.open(EpisodeIndex.inMemory(List.of(MomentSearchTest.RUST)));

        assertThat(OwnWords.of(episodes)).as("no phrase: the next word is too short").containsExactly("rust", "rust*");
        assertThat(OwnWords.of(episodes)).allSatisfy(query -> assertThat(episodes.search(query)).hasSize(1));
        assertThat(OwnWords.of(IndexSearch.open(EpisodeIndex.inMemory(List.of())))).isEmpty();
    }
}
