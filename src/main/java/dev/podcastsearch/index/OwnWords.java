package dev.podcastsearch.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;

/**
 * Queries made of an index's own words, for SnapStart priming to search the very index a restored instance answers
 * from: a word, its beginning ({@code word*}) and a phrase of two, from the first moment's text (else the first
 * episode's title), as the index's analyzer reads it. A query of words the index lacks matches nothing, and would leave what scores, collects and marks
 * matches, and the index's own structures, to the first real search.
 */
public final class OwnWords {

    /** Shorter words are mostly the commonest ones ("the", "you"), which stand for no search a user makes. */
    private static final int SHORTEST = 4;

    private OwnWords() {
    }

    /** The queries, none when the index is empty. */
    public static List<String> of(IndexSearch index) {
        List<String> words = words(firstText(index));
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.length() < SHORTEST) {
                continue;
            }
            if (queries.isEmpty()) {
                queries.add(word);
                queries.add(word.substring(0, SHORTEST) + "*");
            }
            if (i + 1 < words.size() && words.get(i + 1).length() >= SHORTEST) {
                queries.add("\"" + word + " " + words.get(i + 1) + "\"");
                break;
            }
        }
        return List.copyOf(queries);
    }

    /** The words of {@code text} as the index holds them (folded, lower case), in order: each the next one's neighbour. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        try (TokenStream tokens = IndexSearch.WORDS.tokenStream(IndexFields.TRANSCRIPT, text)) {
            CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
            tokens.reset();
            while (tokens.incrementToken()) {
                words.add(term.toString());
            }
            tokens.end();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the index's words", e);
        }
        return words;
    }

    private static String firstText(IndexSearch index) {
        try {
            DirectoryReader moments = index.moments();
            if (moments != null && moments.maxDoc() > 0) {
                Document first = moments.storedFields().document(0);
                String text = first.get(IndexFields.TRANSCRIPT);
                return Objects.requireNonNullElse(text != null ? text : first.get(IndexFields.CHAPTER), "");
            }
            DirectoryReader episodes = index.episodes();
            return episodes.maxDoc() == 0 ? ""
                    : Objects.requireNonNullElse(episodes.storedFields().document(0).get(IndexFields.TITLE), "");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the index", e);
        }
    }
}
