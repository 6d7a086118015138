package dev.podcastsearch.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * The moments of a feed's episodes (transcript passages and chapters), kept in a Lucene {@link Directory} of their own
 * beside the episodes' ({@link EpisodeIndex}) and changed file by file as files arrive, rather than built again whole:
 * the episodes' index is rebuilt whenever the feed changes, the moments' only where a file did. Searched together with
 * the episodes' ({@link IndexSearch#withMoments}); what a search sees is the last {@link #commit}. In memory, its
 * writer is never closed: it holds no file or thread, and goes with the index.
 */
public final class MomentIndex {

    private final IndexWriter writer;
    private volatile DirectoryReader committed;

    private MomentIndex(Directory directory) throws IOException {
        this.writer = new IndexWriter(directory, new IndexWriterConfig(new FoldingAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND));
        // A first commit, so that there is always an index to search, if an empty one.
        writer.commit();
        this.committed = DirectoryReader.open(directory);
    }

    /** An empty moment index in memory. */
    public static MomentIndex inMemory() {
        try {
            return new MomentIndex(new ByteBuffersDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the moment index", e);
        }
    }

    /** The moment index in {@code directory}, as an earlier instance left it, to go on changing. */
    public static MomentIndex in(Directory directory) {
        try {
            return new MomentIndex(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the moment index", e);
        }
    }

    /** The moments of one file, an episode's transcript or its chapters, in place of the ones it had (if any). */
    public void replace(long episode, Moment.Kind kind, List<Moment> moments) {
        List<Document> documents = new ArrayList<>(moments.size());
        for (Moment moment : moments) {
            documents.add(document(episode, kind, moment));
        }
        try {
            writer.updateDocuments(file(episode, kind), documents);
        } catch (IOException e) {
            throw new UncheckedIOException("could not index moments", e);
        }
    }

    /** Leaves out the moments of one file: its episode left the feed, or the feed names another file for it. */
    public void remove(long episode, Moment.Kind kind) {
        try {
            writer.deleteDocuments(file(episode, kind));
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove moments", e);
        }
    }

    /** Makes every change so far searchable, and gives the reader that sees them. */
    public DirectoryReader commit() {
        try {
            writer.commit();
            DirectoryReader changed = DirectoryReader.openIfChanged(committed);
            if (changed != null) {
                // The reader before stays open for searches still using it; it holds only memory, freed with it.
                committed = changed;
            }
            return committed;
        } catch (IOException e) {
            throw new UncheckedIOException("could not commit moments", e);
        }
    }

    /** What the last commit holds. */
    public DirectoryReader committed() {
        return committed;
    }

    private static Term file(long episode, Moment.Kind kind) {
        return new Term(IndexFields.FILE, episode + "/" + kind);
    }

    private static Document document(long episode, Moment.Kind kind, Moment moment) {
        Document document = new Document();
        document.add(new StringField(IndexFields.KIND, kind.name, Field.Store.NO));
        document.add(new StringField(IndexFields.FILE, episode + "/" + kind, Field.Store.NO));
        document.add(new NumericDocValuesField(kind.episodeField, episode));
        document.add(new Field(kind.textField, moment.text(), EpisodeIndex.SEARCHED));
        if (moment.speaker() != null) {
            document.add(new StoredField(IndexFields.SPEAKER, moment.speaker()));
        }
        for (Moment.Cue cue : moment.cues()) {
            document.add(new StoredField(IndexFields.CUE_OFFSET, cue.offset()));
            document.add(new StoredField(IndexFields.CUE_START, cue.startS() == null ? Double.NaN : cue.startS()));
            document.add(new StoredField(IndexFields.CUE_END, cue.endS() == null ? Double.NaN : cue.endS()));
        }
        return document;
    }
}
