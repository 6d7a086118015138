package dev.podcastsearch.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;

/**
 * Searches an index {@link EpisodeIndex} built, opened once. A query is read by Lucene's {@link SimpleQueryParser}:
 * words must all match (each in the title or the description), {@code "exact phrase"}, {@code -exclude},
 * {@code prefix*}, {@code a | b}, {@code +} and parentheses; it never fails, whatever the quotes. A word outside a
 * phrase finds every word it begins ({@code pydant} finds Pydantic). Ranked by BM25 with title matches weighing
 * more; equal scores rank newest first (undated last), then in feed order. Every hit carries its highlights, from
 * Lucene's highlighter ({@link RangeHighlighter}), worked out when they are first read ({@link HighlightsOnDemand}).
 */
public final class IndexSearch {

    private static final int FLAGS = SimpleQueryParser.AND_OPERATOR | SimpleQueryParser.NOT_OPERATOR
            | SimpleQueryParser.OR_OPERATOR | SimpleQueryParser.PREFIX_OPERATOR | SimpleQueryParser.PHRASE_OPERATOR
            | SimpleQueryParser.PRECEDENCE_OPERATORS | SimpleQueryParser.ESCAPE_OPERATOR
            | SimpleQueryParser.WHITESPACE_OPERATOR;
    private static final Map<String, Float> WEIGHTS = Map.of(EpisodeFields.TITLE, EpisodeFields.TITLE_WEIGHT,
            EpisodeFields.DESCRIPTION, EpisodeFields.DESCRIPTION_WEIGHT);
    private static final Query EPISODES = new TermQuery(new Term(EpisodeFields.KIND, EpisodeFields.EPISODE_KIND));
    private static final Sort RANKING = ranking();
    /** Shared: an analyzer keeps its token streams per thread, to be used again by the next query. */
    static final FoldingAnalyzer WORDS = new FoldingAnalyzer();

    private final IndexSearcher searcher;
    private final RangeHighlighter highlighter;

    private IndexSearch(IndexSearcher searcher) {
        this.searcher = searcher;
        this.highlighter = new RangeHighlighter(searcher);
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
        // Composed, as the feed's text was indexed, so that a combining accent folds away here too.
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
        try {
            return search(parse(composed, MultiTermQuery.SCORING_BOOLEAN_REWRITE));
        } catch (IndexSearcher.TooManyClauses e) {
            // A short beginning in a large feed can stand for more words than a query may hold: they match unscored.
            return search(parse(composed, MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE));
        }
    }

    private List<IndexHit> search(Query query) {
        Query episodes = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
                .add(EPISODES, BooleanClause.Occur.FILTER).build();
        try {
            ScoreDoc[] found = searcher.search(episodes, Math.max(1, searcher.getIndexReader().maxDoc()), RANKING)
                    .scoreDocs;
            StoredFields stored = searcher.storedFields();
            List<IndexHit> hits = new ArrayList<>(found.length);
            for (ScoreDoc doc : found) {
                hits.add(new IndexHit(episode(stored.document(doc.doc)),
                        new HighlightsOnDemand(highlighter, query, doc.doc)));
            }
            return hits;
        } catch (IOException e) {
            throw new UncheckedIOException("could not search the episode index", e);
        }
    }

    private static Query parse(String text, MultiTermQuery.RewriteMethod beginnings) {
        SimpleQueryParser parser = new SimpleQueryParser(WORDS, WEIGHTS, FLAGS) {
            /** A word stands for the words it begins, each scored by BM25 as itself (while they are few enough). */
            @Override
            protected Query newTermQuery(Term term, float boost) {
                Query words = new PrefixQuery(term, beginnings);
                return boost == 1f ? words : new BoostQuery(words, boost);
            }
        };
        parser.setDefaultOperator(BooleanClause.Occur.MUST);
        return parser.parse(text);
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
}
