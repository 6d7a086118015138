package dev.podcastsearch.index;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collection;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;

/**
 * An index as files, to publish it and to load it elsewhere: the files of the commit a reader sees, and a directory in
 * memory filled again from such files. Lucene's own checksums travel
 * inside the files.
 */
public final class IndexFiles {

    private static final int CHUNK = 64 * 1024;

    private IndexFiles() {
    }

    /** Receives one file of an index. */
    public interface FileSink {

        void file(String name, byte[] bytes) throws IOException;
    }

    /** Gives {@code sink} every file of the commit {@code reader} sees. */
    public static void write(DirectoryReader reader, FileSink sink) throws IOException {
        Collection<String> names = reader.getIndexCommit().getFileNames();
        Directory directory = reader.directory();
        for (String name : names.stream().sorted().toList()) {
            try (IndexInput input = directory.openInput(name, IOContext.READONCE)) {
                byte[] bytes = new byte[Math.toIntExact(input.length())];
                input.readBytes(bytes, 0, bytes.length);
                sink.file(name, bytes);
            }
        }
    }

    /** An empty directory in memory, for {@link #add} to fill. */
    public static Directory inMemory() {
        return new ByteBuffersDirectory();
    }

    /** Copies one file, read from {@code in} to its end, into {@code directory}. */
    public static void add(Directory directory, String name, InputStream in) throws IOException {
        byte[] chunk = new byte[CHUNK];
        try (IndexOutput out = directory.createOutput(name, IOContext.DEFAULT)) {
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                out.writeBytes(chunk, 0, read);
            }
        }
    }
}
