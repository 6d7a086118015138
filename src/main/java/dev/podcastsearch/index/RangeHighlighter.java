package dev.podcastsearch.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

/**
 * Lucene's {@link UnifiedHighlighter}, giving {@link Highlight}s: titles and moments (at most
 * {@value Moment#MAX_TEXT} characters each) are highlighted whole, descriptions by a passage of about
 * {@value #PASSAGE_LENGTH} characters around the best match, cut at word boundaries. Offsets come from the postings, so
 * no text is analyzed again.
 */
final class RangeHighlighter extends UnifiedHighlighter {

    /** The characters a description's highlight aims for, the match near its middle. */
    static final int PASSAGE_LENGTH = 160;

    private static final String[] HIGHLIGHTED = { IndexFields.TITLE, IndexFields.DESCRIPTION };

    RangeHighlighter(IndexSearcher searcher) {
        super(UnifiedHighlighter.builder(searcher, IndexSearch.WORDS)
                // A field the query did not match gets no highlight, rather than its opening lines.
                .withMaxNoHighlightPassages(0));
    }

    /** Where {@code query} matched in the document {@code docId}: its title first, then its description. */
    List<Highlight> highlights(Query query, int docId) {
        Map<String, Object[]> found;
        try {
            found = highlightFieldsAsObjects(HIGHLIGHTED, query, new int[] { docId }, new int[] { 1, 1 });
        } catch (IOException e) {
            throw new UncheckedIOException("could not highlight the episode index", e);
        }
        List<Highlight> highlights = new ArrayList<>(HIGHLIGHTED.length);
        for (String field : HIGHLIGHTED) {
            Object highlight = found.get(field)[0];
            if (highlight != null) {
                highlights.add((Highlight) highlight);
            }
        }
        return List.copyOf(highlights);
    }

    /** Where {@code query} matched in the moment {@code docId}, of {@code kind}; null where it did not. */
    Highlight moment(Query query, Moment.Kind kind, int docId) {
        try {
            return (Highlight) highlightFieldsAsObjects(new String[] { kind.textField }, query, new int[] { docId },
                    new int[] { 1 }).get(kind.textField)[0];
        } catch (IOException e) {
            throw new UncheckedIOException("could not highlight the moment index", e);
        }
    }

    @Override
    protected BreakIterator getBreakIterator(String field) {
        if (!field.equals(IndexFields.DESCRIPTION)) {
            return new WholeBreakIterator();
        }
        return LengthGoalBreakIterator.createClosestToLength(BreakIterator.getWordInstance(Locale.ROOT),
                PASSAGE_LENGTH, 0.5f);
    }

    @Override
    protected PassageFormatter getFormatter(String field) {
        return new RangeFormatter(field);
    }
}
