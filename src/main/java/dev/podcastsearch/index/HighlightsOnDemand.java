package dev.podcastsearch.index;

import java.util.AbstractList;
import java.util.List;

import org.apache.lucene.search.Query;

/**
 * A hit's highlights, worked out the first time they are read. An answer shows a window of the hits (at most the
 * request's {@code limit}), and highlighting every hit of a broad query over a large feed costs many times the search
 * itself; hits outside the window are never read, so never highlighted.
 */
final class HighlightsOnDemand extends AbstractList<Highlight> {

    private final RangeHighlighter highlighter;
    private final Query query;
    private final int docId;
    /** Guarded by {@code this}. */
    private List<Highlight> found;

    HighlightsOnDemand(RangeHighlighter highlighter, Query query, int docId) {
        this.highlighter = highlighter;
        this.query = query;
        this.docId = docId;
    }

    @Override
    public Highlight get(int index) {
        return found().get(index);
    }

    @Override
    public int size() {
        return found().size();
    }

    private synchronized List<Highlight> found() {
        if (found == null) {
            found = highlighter.highlights(query, docId);
        }
        return found;
    }
}
