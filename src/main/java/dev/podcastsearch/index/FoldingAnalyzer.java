package dev.podcastsearch.index;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Words as the index compares them, in the documents and in the query alike: Unicode's word boundaries (UAX #29),
 * accents and other marks folded to ASCII where a plain letter stands for them ({@code Café} is {@code cafe},
 * {@code Straße} is {@code strasse}), lower case. No stemming and no stop words: a word is found by its beginning
 * instead ({@link IndexSearch}), as the function always found it.
 */
final class FoldingAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer words = new StandardTokenizer();
        return new TokenStreamComponents(words, normalize(fieldName, words));
    }

    /** What a query's {@code prefix*} goes through, as a whole word does. */
    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new LowerCaseFilter(new ASCIIFoldingFilter(in));
    }
}
