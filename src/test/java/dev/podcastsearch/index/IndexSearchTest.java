package dev.podcastsearch.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The episode index on its own: what a query finds, in which order, and where it marks the match. */
class IndexSearchTest {

    static final Episode PYDANTIC = episode(1, "Pydantic v2 and Café-Style Validation",
            "Samuel Colvin on rewriting the core in Rust.", "2023-07-01T00:00:00Z");
    static final Episode DECORATORS = episode(2, "Python Decorators Explained",
            "How decorators wrap functions, and why functools.wraps matters.", "2023-06-01T00:00:00Z");
    static final Episode RUST = episode(3, "Rust for Pythonistas",
            "Writing extensions in Rust, with decorators and validation of user input.", "2023-08-01T00:00:00Z");

    final IndexSearch index = IndexSearch.open(EpisodeIndex.inMemory(List.of(PYDANTIC, DECORATORS, RUST)));

    @Test
    void everyWordMustMatchInTheTitleOrTheDescription() {
        assertThat(ids("rust validation")).containsExactlyInAnyOrder(1L, 3L);
        assertThat(ids("rust functools")).isEmpty();
    }

    @Test
    void aWordFindsTheWordsItBegins() {
        assertThat(ids("pydant")).containsExactly(1L);
        assertThat(ids("PYTHON")).containsExactlyInAnyOrder(2L, 3L);
        // A word is found by its beginning, not by its middle.
        assertThat(ids("dantic")).isEmpty();
    }

    @Test
    void aStarAfterAWordFindsTheWordsItBeginsAsTheWordAloneDoes() {
        assertThat(ids("pydant*")).containsExactly(1L);
        assertThat(ids("supercal")).isEmpty();
        Episode longWord = episode(9, "Supercalifragilisticexpialidocious Packaging", "", null);
        IndexSearch search = IndexSearch.open(EpisodeIndex.inMemory(List.of(longWord)));
        assertThat(search.search("supercalifragilisticexpiali")).extracting(hit -> hit.episode())
                .containsExactly(9L);
    }

    @Test
    void aPhraseMatchesWholeWords() {
        assertThat(ids("\"python decorators explained\"")).containsExactly(2L);
        assertThat(ids("\"python decorators explain\"")).isEmpty();
    }

    @Test
    void aShortBeginningThatStandsForMoreWordsThanAQueryMayHoldStillFindsThemAll() {
        int episodes = IndexSearcher.getMaxClauseCount() + 100;
        List<Episode> many = new ArrayList<>();
        for (int i = 0; i < episodes; i++) {
            many.add(episode(i, "Episode aword" + i, "", null));
        }
        IndexSearch search = IndexSearch.open(EpisodeIndex.inMemory(many));
        List<IndexHit> hits = search.search("awo");
        assertThat(hits).hasSize(episodes);
        assertThat(hits.get(0).highlights()).extracting(Highlight::field).containsExactly("title");
    }

    @Test
    void caseAndAccentsAreFoldedOnBothSides() {
        assertThat(ids("cafe")).containsExactly(1L);
        assertThat(ids("CAFÉ")).containsExactly(1L);
        // A query that writes the accent as a combining mark.
        assertThat(ids("cafe\u0301")).containsExactly(1L);
    }

    @Test
    void aQuotedPhraseMatchesItsWordsTogetherAndInOrder() {
        assertThat(ids("\"decorators explained\"")).containsExactly(2L);
        assertThat(ids("\"explained decorators\"")).isEmpty();
        assertThat(ids("\"rust decorators\"")).isEmpty();
    }

    @Test
    void aMinusExcludesTheEpisodesThatHaveTheWord() {
        assertThat(ids("decorators -rust")).containsExactly(2L);
    }

    @Test
    void unbalancedQuotesAndStrayOperatorsAreNeverAnError() {
        assertThat(ids("\"decorators explained")).contains(2L);
        assertThat(ids("decorators\"")).containsExactlyInAnyOrder(2L, 3L);
        for (String odd : new String[] { "\"", "\"\"", "-", "*", "(", ")", "|", "+", "\\", "-\"", "((rust", "~2" }) {
            assertThatCode(() -> index.search(odd)).as(odd).doesNotThrowAnyException();
        }
    }

    @Test
    void titleMatchesRankAboveDescriptionMatches() {
        // Episode 2 has "decorators" in its title, once; episode 3 only in its description, and is newer.
        assertThat(ids("decorators")).containsExactly(2L, 3L);
    }

    @Test
    void equalScoresRankNewestFirstThenUndatedInFeedOrder() {
        List<Episode> same = List.of(episode(1, "Show notes", "", null),
                episode(2, "Show notes", "", "2020-01-01T00:00:00Z"), episode(3, "Show notes", "", null),
                episode(4, "Show notes", "", "2021-01-01T00:00:00Z"));
        IndexSearch search = IndexSearch.open(EpisodeIndex.inMemory(same));
        assertThat(search.search("notes")).extracting(hit -> hit.episode()).containsExactly(4L, 2L, 1L, 3L);
    }

    @Test
    void aHitNamesItsEpisodeById() {
        assertThat(index.search("samuel")).extracting(IndexHit::episode).containsExactly(PYDANTIC.id());
    }

    @Test
    void highlightsMarkTheWholeTitleAndTheMatchingPassageWithRanges() {
        IndexHit hit = index.search("decorators").get(1);
        assertThat(hit.episode()).isEqualTo(3L);
        assertThat(hit.highlights()).containsExactly(new Highlight("description",
                "Writing extensions in Rust, with decorators and validation of user input.", List.of(List.of(33, 43))));

        IndexHit inBoth = index.search("decorat").get(0);
        assertThat(inBoth.highlights()).containsExactly(
                new Highlight("title", "Python Decorators Explained", List.of(List.of(7, 17))),
                new Highlight("description", "How decorators wrap functions, and why functools.wraps matters.",
                        List.of(List.of(4, 14))));
    }

    @Test
    void aPhraseIsMarkedAsOneRange() {
        assertThat(index.search("\"cafe style\"").get(0).highlights()).containsExactly(
                new Highlight("title", "Pydantic v2 and Café-Style Validation", List.of(List.of(16, 26))));
    }

    @Test
    void marksCountUtf16CodeUnitsPastCharactersOutsideTheBasicPlane() {
        String title = "🎙️ 𝔗𝔥𝔢 Café 🐍 Show";
        IndexSearch search = IndexSearch.open(EpisodeIndex.inMemory(List.of(episode(7, title, "", null))));
        Highlight highlight = search.search("cafe").get(0).highlights().get(0);
        List<Integer> mark = highlight.marks().get(0);
        assertThat(mark).containsExactly(title.indexOf("Café"), title.indexOf("Café") + 4);
        assertThat(highlight.text().substring(mark.get(0), mark.get(1))).isEqualTo("Café");
    }

    @Test
    void aLongDescriptionIsHighlightedByAPassageAroundTheMatch() {
        String filler = "and then the conversation went on about many other things ".repeat(20);
        String description = filler + "until someone mentioned Litestar briefly " + filler;
        IndexSearch search = IndexSearch.open(EpisodeIndex.inMemory(List.of(episode(8, "Episode", description, null))));
        Highlight highlight = search.search("litestar").get(0).highlights().get(0);
        assertThat(highlight.text().length()).isLessThan(RangeHighlighter.PASSAGE_LENGTH * 2);
        List<Integer> mark = highlight.marks().get(0);
        assertThat(highlight.text().substring(mark.get(0), mark.get(1))).isEqualTo("Litestar");
    }

    @Test
    void anIndexWrittenToADirectoryIsSearchedWhereverItIsOpened(@TempDir Path folder) throws IOException {
        try (Directory written = FSDirectory.open(folder)) {
            EpisodeIndex.write(List.of(PYDANTIC, DECORATORS), written);
        }
        try (Directory opened = FSDirectory.open(folder)) {
            assertThat(IndexSearch.open(opened).search("pydantic")).extracting(IndexHit::episode)
                    .containsExactly(PYDANTIC.id());
        }
    }

    private List<Long> ids(String query) {
        return index.search(query).stream().map(hit -> hit.episode()).toList();
    }

    private static Episode episode(long id, String title, String description, String published) {
        return new Episode(id, title, "https://example.org/" + id, description.isEmpty() ? null : description,
                published == null ? null : Instant.parse(published), description);
    }
}
