package dev.podcastsearch.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Collects the best matching moment of each kind of each episode, rather than the best moments: an episode that says
 * a word a hundred times is one hit, not a hundred, and the hits beyond it are other episodes. Of equal scores, the
 * first in the file (the earliest said). Each moment carries its episode's id in the doc values field of its kind;
 * documents with neither (episodes) are passed over.
 */
final class BestPerEpisode extends SimpleCollector {

    /** One kept moment: its document in the searched reader, its episode, and its score. */
    record Found(Moment.Kind kind, long episode, int doc, float score) {
    }

    private final Map<Long, Found> transcripts = new HashMap<>();
    private final Map<Long, Found> chapters = new HashMap<>();
    private Scorable scorer;
    private int docBase;
    private NumericDocValues transcriptEpisodes;
    private NumericDocValues chapterEpisodes;

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        docBase = context.docBase;
        transcriptEpisodes = context.reader().getNumericDocValues(IndexFields.TRANSCRIPT_EPISODE);
        chapterEpisodes = context.reader().getNumericDocValues(IndexFields.CHAPTER_EPISODE);
    }

    @Override
    public void setScorer(Scorable scorer) {
        this.scorer = scorer;
    }

    @Override
    public void collect(int doc) throws IOException {
        if (transcriptEpisodes != null && transcriptEpisodes.advanceExact(doc)) {
            keep(transcripts, Moment.Kind.TRANSCRIPT, transcriptEpisodes.longValue(), doc);
        } else if (chapterEpisodes != null && chapterEpisodes.advanceExact(doc)) {
            keep(chapters, Moment.Kind.CHAPTER, chapterEpisodes.longValue(), doc);
        }
    }

    private void keep(Map<Long, Found> best, Moment.Kind kind, long episode, int doc) throws IOException {
        float score = scorer.score();
        Found known = best.get(episode);
        if (known == null || score > known.score()) {
            best.put(episode, new Found(kind, episode, docBase + doc, score));
        }
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE;
    }

    List<Found> found() {
        List<Found> found = new ArrayList<>(transcripts.values());
        found.addAll(chapters.values());
        return found;
    }
}
