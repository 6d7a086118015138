package dev.podcastsearch.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;

/**
 * Builds the index of a feed's episodes into a Lucene {@link Directory}: one document per episode, holding all a hit
 * needs, so that {@link IndexSearch} can search the directory wherever it was built. BM25, Lucene's default.
 */
public final class EpisodeIndex {

    /** Searched text, with offsets in the postings so that highlights need not analyze it again. */
    static final FieldType SEARCHED = searchedText();

    private EpisodeIndex() {
    }

    /** The episodes' index in memory. */
    public static Directory inMemory(List<Episode> episodes) {
        Directory directory = new ByteBuffersDirectory();
        write(episodes, directory);
        return directory;
    }

    /** Writes one document per episode into {@code directory}, replacing whatever index it held. */
    public static void write(List<Episode> episodes, Directory directory) {
        IndexWriterConfig config = new IndexWriterConfig(new FoldingAnalyzer())
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int position = 0; position < episodes.size(); position++) {
                writer.addDocument(document(episodes.get(position), position));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the episode index", e);
        }
    }

    private static Document document(Episode episode, int position) {
        Document document = new Document();
        document.add(new StringField(IndexFields.KIND, IndexFields.EPISODE_KIND, Field.Store.NO));
        document.add(new StoredField(IndexFields.ID, episode.id()));
        document.add(new NumericDocValuesField(IndexFields.ID, episode.id()));
        document.add(new Field(IndexFields.TITLE, episode.title(), SEARCHED));
        document.add(new Field(IndexFields.DESCRIPTION, episode.searched(), SEARCHED));
        if (episode.description() != null) {
            document.add(new StoredField(IndexFields.SHOWN_DESCRIPTION, episode.description()));
        }
        if (episode.url() != null) {
            document.add(new StoredField(IndexFields.URL, episode.url()));
        }
        if (episode.published() != null) {
            long published = episode.published().toEpochMilli();
            document.add(new StoredField(IndexFields.PUBLISHED, published));
            document.add(new NumericDocValuesField(IndexFields.PUBLISHED, published));
        }
        document.add(new NumericDocValuesField(IndexFields.POSITION, position));
        return document;
    }

    private static FieldType searchedText() {
        FieldType type = new FieldType(TextField.TYPE_STORED);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }
}
