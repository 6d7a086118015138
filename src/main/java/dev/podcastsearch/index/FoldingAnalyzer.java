package dev.podcastsearch.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Words as the index compares them: Unicode's word boundaries (UAX #29), accents and other marks folded to ASCII where
 * a plain letter stands for them ({@code Café} is {@code cafe}, {@code Straße} is {@code strasse}), lower case.
 * The index side also keeps each word's beginnings, from one character to {@value #LONGEST_BEGINNING}, at the word's
 * own position and offsets: a query word finds every word it begins ({@code pydant} finds Pydantic), phrases still
 * match word by word, and a highlight marks the whole word. No stemming and no stop words.
 */
final class FoldingAnalyzer extends Analyzer {

    /** Words longer than this are found by their whole selves, or by a query's {@code prefix*}, not by any beginning. */
    static final int LONGEST_BEGINNING = 20;

    private final boolean beginnings;

    private FoldingAnalyzer(boolean beginnings) {
        this.beginnings = beginnings;
    }

    /** For the documents: each word and its beginnings. */
    static FoldingAnalyzer forIndex() {
        return new FoldingAnalyzer(true);
    }

    /** For the query: each word as it is. */
    static FoldingAnalyzer forQuery() {
        return new FoldingAnalyzer(false);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer words = new StandardTokenizer();
        TokenStream folded = normalize(fieldName, words);
        if (beginnings) {
            folded = new EdgeNGramTokenFilter(folded, 1, LONGEST_BEGINNING, true);
        }
        return new TokenStreamComponents(words, folded);
    }

    /** What a query's {@code prefix*} goes through, as a whole word does. */
    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(new ASCIIFoldingFilter(in));
    }
}
