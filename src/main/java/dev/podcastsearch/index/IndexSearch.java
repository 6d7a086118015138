package dev.podcastsearch.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FieldDoc;
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
 * Searches an index {@link EpisodeIndex} built, opened once, and with it the moments {@link MomentIndex} keeps
 * ({@link #withMoments}). A query is read by Lucene's {@link SimpleQueryParser}: words must all match (each in the
 * title or the description of an episode, or in one moment's text), {@code "exact phrase"}, {@code -exclude},
 * {@code prefix*}, {@code a | b}, {@code +} and parentheses; it never fails, whatever the quotes. A word outside a
 * phrase finds every word it begins ({@code pydant} finds Pydantic). Ranked by BM25, fields weighted title above
 * chapter titles above description above transcript; equal scores rank newest first (undated last), then in feed
 * order. An episode hit carries its highlights, from Lucene's highlighter ({@link RangeHighlighter}), worked out when
 * they are first read ({@link HighlightsOnDemand}). Of each episode, the best matching transcript passage and the best
 * matching chapter are moment hits, at most {@value #MAX_MOMENTS} of them, the best, each worked out when it is
 * first read ({@link MomentOnDemand}).
 */
public final class IndexSearch {

    /** The most moments a search answers from one feed: the most one answer shows ({@code limit}'s maximum). */
    public static final int MAX_MOMENTS = 100;

    private static final int FLAGS = SimpleQueryParser.AND_OPERATOR | SimpleQueryParser.NOT_OPERATOR
            | SimpleQueryParser.OR_OPERATOR | SimpleQueryParser.PREFIX_OPERATOR | SimpleQueryParser.PHRASE_OPERATOR
            | SimpleQueryParser.PRECEDENCE_OPERATORS | SimpleQueryParser.ESCAPE_OPERATOR
            | SimpleQueryParser.WHITESPACE_OPERATOR;
    private static final Map<String, Float> WEIGHTS = Map.of(IndexFields.TITLE, IndexFields.TITLE_WEIGHT,
            IndexFields.CHAPTER, IndexFields.CHAPTER_WEIGHT, IndexFields.DESCRIPTION, IndexFields.DESCRIPTION_WEIGHT,
            IndexFields.TRANSCRIPT, IndexFields.TRANSCRIPT_WEIGHT);
    private static final Query EPISODES = new TermQuery(new Term(IndexFields.KIND, IndexFields.EPISODE_KIND));
    private static final Sort RANKING = ranking();
    /** Shared: an analyzer keeps its token streams per thread, to be used again by the next query. */
    static final FoldingAnalyzer WORDS = new FoldingAnalyzer();

    private final DirectoryReader episodes;
    private final EpisodeDocs episodeDocs;
    private final DirectoryReader moments;
    private final IndexSearcher searcher;
    private final RangeHighlighter highlighter;

    private IndexSearch(DirectoryReader episodes, EpisodeDocs episodeDocs, DirectoryReader moments) throws IOException {
        this.episodes = episodes;
        this.episodeDocs = episodeDocs;
        this.moments = moments;
        // The episodes come first, so an episode's document number is the same in both readers.
        IndexReader searched = moments == null ? episodes : new MultiReader(new IndexReader[] { episodes, moments },
                false);
        this.searcher = new IndexSearcher(searched);
        this.highlighter = new RangeHighlighter(searcher);
    }

    /** Opens the index in {@code directory}; searches see it as it is now. */
    public static IndexSearch open(Directory directory) {
        try {
            DirectoryReader episodes = DirectoryReader.open(directory);
            return new IndexSearch(episodes, EpisodeDocs.of(episodes), null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the episode index", e);
        }
    }

    /** The episodes' index as a reader sees it, for publishing. */
    public DirectoryReader episodes() {
        return episodes;
    }

    /** The moments searched beside the episodes, or null. */
    public DirectoryReader moments() {
        return moments;
    }

    /** The same episodes, searched with {@code moments} (a {@link MomentIndex}'s commit, or none) beside them. */
    public IndexSearch withMoments(DirectoryReader moments) {
        try {
            return new IndexSearch(episodes, episodeDocs, moments);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the moment index", e);
        }
    }

    /** What {@code text} finds, best first: the episodes, each with its highlights, and the moments. */
    public List<IndexHit> search(String text) {
        return search(text, true);
    }

    /** {@link #search(String)}; without moments (their query and marks) unless {@code moments}. */
    public List<IndexHit> search(String text, boolean moments) {
        // Composed, as the feed's text was indexed, so that a combining accent folds away here too.
        String composed = Normalizer.normalize(text, Normalizer.Form.NFC);
        try {
            return search(parse(composed, MultiTermQuery.SCORING_BOOLEAN_REWRITE), moments);
        } catch (IndexSearcher.TooManyClauses e) {
            // A short beginning in a large feed can stand for more words than a query may hold: they match unscored.
            return search(parse(composed, MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE), moments);
        }
    }

    private List<IndexHit> search(Query query, boolean withMoments) {
        try {
            Query episodeQuery = new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
                    .add(EPISODES, BooleanClause.Occur.FILTER).build();
            ScoreDoc[] found = searcher.search(episodeQuery, Math.max(1, episodes.maxDoc()), RANKING).scoreDocs;
            List<Scored> hits = new ArrayList<>(found.length);
            for (ScoreDoc doc : found) {
                hits.add(new Scored((Float) ((FieldDoc) doc).fields[0], episodeDocs.rank(doc.doc), new IndexHit(
                        episodeDocs.id(doc.doc), new HighlightsOnDemand(highlighter, query, doc.doc), null)));
            }
            if (withMoments && moments != null && moments.numDocs() > 0) {
                hits.addAll(moments(query));
                // Stable: of an episode and a moment that score alike, the episode comes first.
                hits.sort(Scored.BEST_FIRST);
            }
            return hits.stream().map(Scored::hit).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not search the episode index", e);
        }
    }

    /**
     * The best moment of each kind of each episode, the best {@value #MAX_MOMENTS} of them, ranked; each worked out
     * (marked, read and timed) only when an answer reads it.
     */
    private List<Scored> moments(Query query) throws IOException {
        BestPerEpisode best = new BestPerEpisode();
        searcher.search(new BooleanQuery.Builder().add(query, BooleanClause.Occur.MUST)
                .add(EPISODES, BooleanClause.Occur.MUST_NOT).build(), best);
        return best.found().stream()
                .filter(found -> episodeDocs.doc(found.episode()) >= 0)
                .sorted(Comparator.comparingDouble(BestPerEpisode.Found::score).reversed()
                        .thenComparingInt(found -> episodeDocs.rank(episodeDocs.doc(found.episode())))
                        .thenComparingInt(BestPerEpisode.Found::doc))
                .limit(MAX_MOMENTS)
                .map(found -> new Scored(found.score(), episodeDocs.rank(episodeDocs.doc(found.episode())),
                        new IndexHit(found.episode(), List.of(),
                                new MomentOnDemand(found.kind(), () -> moment(query, found)))))
                .toList();
    }

    /** The moment {@code found} is, with where {@code query} matched in it. */
    private MomentHit moment(Query query, BestPerEpisode.Found found) {
        Highlight marked = highlighter.moment(query, found.kind(), found.doc());
        // A reader of the one segment the moment is in: the hit may be read on any thread, and a reader is for one.
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(found.doc(), leaves));
        try {
            return moment(found.kind(), leaf.reader().storedFields().document(found.doc() - leaf.docBase), marked);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the moment index", e);
        }
    }

    /** The moment a document holds, timed by the cues its first and last marks fall in. */
    private static MomentHit moment(Moment.Kind kind, Document document, Highlight marked) {
        String text = document.get(kind.textField);
        List<List<Integer>> marks = marked == null ? List.of() : marked.marks();
        IndexableField[] offsets = document.getFields(IndexFields.CUE_OFFSET);
        IndexableField[] starts = document.getFields(IndexFields.CUE_START);
        IndexableField[] ends = document.getFields(IndexFields.CUE_END);
        int from = marks.isEmpty() ? 0 : marks.get(0).get(0);
        int to = marks.isEmpty() ? text.length() : marks.get(marks.size() - 1).get(1);
        int first = 0;
        int last = 0;
        for (int cue = 0; cue < offsets.length; cue++) {
            int offset = offsets[cue].numericValue().intValue();
            if (offset <= from) {
                first = cue;
            }
            if (offset < to) {
                last = cue;
            }
        }
        return new MomentHit(kind, offsets.length == 0 ? null : seconds(starts[first]),
                offsets.length == 0 ? null : seconds(ends[last]), document.get(IndexFields.SPEAKER), text, marks);
    }

    private static Double seconds(IndexableField field) {
        double seconds = field.numericValue().doubleValue();
        return Double.isNaN(seconds) ? null : seconds;
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

    private static Sort ranking() {
        SortField newest = new SortField(IndexFields.PUBLISHED, SortField.Type.LONG, true);
        newest.setMissingValue(Long.MIN_VALUE);
        return new Sort(SortField.FIELD_SCORE, newest, new SortField(IndexFields.POSITION, SortField.Type.LONG));
    }

    /** A hit with what ranks it: its score, then its episode's rank among equal scores. */
    private record Scored(float score, int rank, IndexHit hit) {
        static final Comparator<Scored> BEST_FIRST = Comparator.comparingDouble(Scored::score).reversed()
                .thenComparingInt(Scored::rank);
    }

    /**
     * The episodes' documents by id (of two with one id, the first, as the feed's copy keeps it), each one's id, and
     * each one's rank when scores are equal: newest first, undated last, then in feed order. Read once when the
     * episodes are opened, from doc values, so that a hit needs no stored document.
     */
    private record EpisodeDocs(Map<Long, Integer> docs, long[] ids, int[] ranks) {

        static EpisodeDocs of(DirectoryReader episodes) throws IOException {
            Map<Long, Integer> docs = new HashMap<>();
            long[] idsByDoc = new long[episodes.maxDoc()];
            long[] published = new long[episodes.maxDoc()];
            long[] positions = new long[episodes.maxDoc()];
            for (LeafReaderContext leaf : episodes.leaves()) {
                LeafReader reader = leaf.reader();
                NumericDocValues ids = reader.getNumericDocValues(IndexFields.ID);
                NumericDocValues dates = reader.getNumericDocValues(IndexFields.PUBLISHED);
                NumericDocValues places = reader.getNumericDocValues(IndexFields.POSITION);
                for (int doc = 0; doc < reader.maxDoc(); doc++) {
                    int global = leaf.docBase + doc;
                    if (ids != null && ids.advanceExact(doc)) {
                        idsByDoc[global] = ids.longValue();
                        docs.putIfAbsent(ids.longValue(), global);
                    }
                    published[global] = dates != null && dates.advanceExact(doc) ? dates.longValue() : Long.MIN_VALUE;
                    positions[global] = places != null && places.advanceExact(doc) ? places.longValue() : global;
                }
            }
            Integer[] order = new Integer[episodes.maxDoc()];
            for (int doc = 0; doc < order.length; doc++) {
                order[doc] = doc;
            }
            Arrays.sort(order, Comparator.<Integer>comparingLong(doc -> published[doc]).reversed()
                    .thenComparingLong(doc -> positions[doc]));
            int[] ranks = new int[order.length];
            for (int rank = 0; rank < order.length; rank++) {
                ranks[order[rank]] = rank;
            }
            return new EpisodeDocs(Map.copyOf(docs), idsByDoc, ranks);
        }

        /** The episode's document, or -1 when the feed no longer has it. */
        int doc(long episode) {
            return docs.getOrDefault(episode, -1);
        }

        long id(int doc) {
            return ids[doc];
        }

        int rank(int doc) {
            return ranks[doc];
        }
    }
}
