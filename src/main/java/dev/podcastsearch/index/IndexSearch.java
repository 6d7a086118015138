package dev.podcastsearch.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.store.Directory;

/**
 * Searches an index {@link EpisodeIndex} built, opened once. A query is read by Lucene's {@link SimpleQueryParser}:
 * words must all match (each in the title or the description), {@code "exact phrase"}, {@code -exclude},
 * {@code prefix*}, {@code a | b}, {@code +} and parentheses; it never fails, whatever the quotes. Ranked by BM25 with
 * title matches weighing more; equal scores rank newest first (undated last), then in feed order. Every hit carries
 * its highlights, from Lucene's highlighter: the whole title, and the passage of the description that matched best.
 */
public final class IndexSearch {

    /** The characters a description's highlight aims for, cut at word boundaries, the match near its middle. */
    static final int PASSAGE_LENGTH = 160;

    private static final int FLAGS = SimpleQueryParser.AND_OPERATOR | SimpleQueryParser.NOT_OPERATOR
            | SimpleQueryParser.OR_OPERATOR | SimpleQueryParser.PREFIX_OPERATOR | SimpleQueryParser.PHRASE_OPERATOR
            | SimpleQueryParser.PRECEDENCE_OPERATORS | SimpleQueryParser.ESCAPE_OPERATOR
            | SimpleQueryParser.WHITESPACE_OPERATOR;
    private static final Map<String, Float> WEIGHTS = Map.of(EpisodeFields.TITLE, EpisodeFields.TITLE_WEIGHT,
            EpisodeFields.DESCRIPTION, EpisodeFields.DESCRIPTION_WEIGHT);
    private static final String[] HIGHLIGHTED = { EpisodeFields.TITLE, EpisodeFields.DESCRIPTION };
    private static final Query EPISODES = new TermQuery(new Term(EpisodeFields.KIND, EpisodeFields.EPISODE_KIND));
    private static final Sort RANKING = ranking();

    private final IndexSearcher searcher;
    private final RangeHighlighter highlighter;

    private IndexSearch(IndexSearcher searcher) {
        this.searcher = searcher;
        this.highlighter = new RangeHighlighter(UnifiedHighlighter.builder(searcher, FoldingAnalyzer.forQuery())
                // A field the query did not match gets no highlight, rather than its opening lines.
                .withMaxNoHighlightPassages(0));
    }

    /** Opens the index in {@code directory}; searches see it as it is now. */
    public static IndexSearch open(Directory directory) {
        try {
            return new IndexSearch(new IndexSearcher(DirectoryReader.open(directory)));
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the episode index", e);
        }
    }

    /** The episodes {@code text} finds, best first, each with its highlights. */
    public List<IndexHit> search(String text) {
        SimpleQueryParser parser = new SimpleQueryParser(FoldingAnalyzer.forQuery(), WEIGHTS, FLAGS);
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        // Composed, as the feed's text was indexed, so that a combining accent folds away here too.
        Query query = parser.parse(Normalizer.normalize(text, Normalizer.Form.NFC));
        Query episodes = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
                .add(EPISODES, BooleanClause.Occur.FILTER).build();
        try {
            int all = Math.max(1, searcher.getIndexReader().maxDoc());
            ScoreDoc[] found = searcher.search(episodes, all, RANKING).scoreDocs;
            int[] docIds = new int[found.length];
            for (int i = 0; i < found.length; i++) {
                docIds[i] = found[i].doc;
            }
            Map<String, Object[]> highlights = highlighter.ranges(query, docIds);
            StoredFields stored = searcher.storedFields();
            List<IndexHit> hits = new ArrayList<>(found.length);
            for (int i = 0; i < found.length; i++) {
                List<Highlight> marked = new ArrayList<>(HIGHLIGHTED.length);
                for (String field : HIGHLIGHTED) {
                    Object highlight = highlights.get(field)[i];
                    if (highlight != null) {
                        marked.add((Highlight) highlight);
                    }
                }
                hits.add(new IndexHit(episode(stored.document(docIds[i])), List.copyOf(marked)));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("could not search the episode index", e);
        }
    }

    private static Episode episode(Document document) {
        IndexableField published = document.getField(EpisodeFields.PUBLISHED);
        return new Episode(document.getField(EpisodeFields.ID).numericValue().longValue(),
                document.get(EpisodeFields.TITLE), document.get(EpisodeFields.URL),
                document.get(EpisodeFields.SHOWN_DESCRIPTION),
                published == null ? null : Instant.ofEpochMilli(published.numericValue().longValue()),
                document.get(EpisodeFields.DESCRIPTION));
    }

    private static Sort ranking() {
        SortField newest = new SortField(EpisodeFields.PUBLISHED, SortField.Type.LONG, true);
        newest.setMissingValue(Long.MIN_VALUE);
        return new Sort(SortField.FIELD_SCORE, newest, new SortField(EpisodeFields.POSITION, SortField.Type.LONG));
    }

    /** Titles are highlighted whole; descriptions by a passage around the match. Marks are ranges, never markup. */
    private static final class RangeHighlighter extends UnifiedHighlighter {

        RangeHighlighter(Builder builder) {
            super(builder);
        }

        /** Per field of {@link #HIGHLIGHTED}, a {@link Highlight} (or null) per document, in the order asked. */
        Map<String, Object[]> ranges(Query query, int[] docIds) throws IOException {
            return highlightFieldsAsObjects(HIGHLIGHTED, query, docIds, new int[] { 1, 1 });
        }

        @Override
        protected BreakIterator getBreakIterator(String field) {
            if (field.equals(EpisodeFields.TITLE)) {
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
}
