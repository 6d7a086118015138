package dev.podcastsearch.source.feed;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.podcastsearch.index.IndexFiles;
import dev.podcastsearch.index.IndexSearch;
import dev.podcastsearch.source.moment.FeedMoments;

/**
 * The published index as one object: a zip holding, per feed, {@code feeds/<id>/feed.json} (its episodes as a hit shows
 * them, the files they name, what is known of those files, the feed's validators) and the Lucene files of its episodes'
 * and moments' indexes ({@code feeds/<id>/episodes/...}, {@code feeds/<id>/moments/...}); then, last,
 * {@code manifest.json}, which counts each feed's entries. A zip because the JDK reads and writes it, streaming, with a
 * CRC per entry: an object changed on the way fails its entry's CRC, one cut short lacks its manifest or entries, and
 * either is refused whole. Lucene's files are stored as they are (they are compressed already), the JSON deflated.
 */
public final class FeedArchive {

    static final int FORMAT = 1;
    private static final String MANIFEST = "manifest.json";
    private static final String FEEDS = "feeds/";
    private static final String FEED_JSON = "feed.json";
    private static final String EPISODES = "episodes/";
    private static final String MOMENTS = "moments/";
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private FeedArchive() {
    }

    /** What an archive holds: when it was built and its feeds by source id. */
    public record Archive(Instant built, Map<String, FeedState> feeds) {
    }

    /** The archive's last entry: its format, when it was built, and how many entries each feed has. */
    private record Manifest(int format, Instant built, Map<String, Integer> feeds) {
    }

    /** A feed's own entry: all but its indexes. */
    private record FeedJson(String feedUrl, String etag, String lastModified, Instant fetched, String failure,
            List<Episode> episodes, List<FeedMoments.Files> files, List<FeedMoments.KnownFile> known) {
    }

    /** Writes {@code feeds} as one archive to {@code out}, which stays open. */
    public static void write(Instant built, Map<String, FeedState> feeds, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.BEST_SPEED);
        Map<String, Integer> counts = new TreeMap<>();
        for (Map.Entry<String, FeedState> feed : new TreeMap<>(feeds).entrySet()) {
            String folder = FEEDS + URLEncoder.encode(feed.getKey(), StandardCharsets.UTF_8) + "/";
            int[] entries = { 1 };
            FeedState state = feed.getValue();
            FeedCopy copy = state.copy();
            deflated(zip, folder + FEED_JSON, JSON.writeValueAsBytes(copy == null
                    ? new FeedJson(state.feedUrl(), null, null, null, state.failure(), List.of(), List.of(),
                            state.files())
                    : new FeedJson(state.feedUrl(), copy.etag(), copy.lastModified(), copy.fetched(), state.failure(),
                            List.copyOf(copy.episodes().values()), copy.files(), state.files())));
            if (copy != null) {
                IndexFiles.write(copy.index().episodes(), (name, bytes) -> {
                    stored(zip, folder + EPISODES + name, bytes);
                    entries[0]++;
                });
                DirectoryReader moments = copy.index().moments();
                if (moments != null) {
                    IndexFiles.write(moments, (name, bytes) -> {
                        stored(zip, folder + MOMENTS + name, bytes);
                        entries[0]++;
                    });
                }
            }
            counts.put(feed.getKey(), entries[0]);
        }
        deflated(zip, MANIFEST, JSON.writeValueAsBytes(new Manifest(FORMAT, built, counts)));
        zip.finish();
    }

    /**
     * Reads an archive {@link #write} wrote, streaming from {@code in}, into indexes in memory.
     *
     * @throws IOException when it is not such an archive, is cut short, or an entry is not what was written
     */
    public static Archive read(InputStream in) throws IOException {
        Tail tail = new Tail(in);
        ZipInputStream zip = new ZipInputStream(tail, StandardCharsets.UTF_8);
        Map<String, FeedJson> jsons = new HashMap<>();
        Map<String, Directory> episodes = new HashMap<>();
        Map<String, Directory> moments = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        Manifest manifest = null;
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            if (manifest != null) {
                throw new IOException("an entry follows the manifest: not an archive of this format");
            }
            String name = entry.getName();
            if (name.equals(MANIFEST)) {
                manifest = JSON.readValue(zip.readAllBytes(), Manifest.class);
                continue;
            }
            int slash = name.indexOf('/', FEEDS.length());
            if (!name.startsWith(FEEDS) || slash < 0) {
                throw new IOException("an entry outside feeds/: not an archive of this format");
            }
            String id = URLDecoder.decode(name.substring(FEEDS.length(), slash), StandardCharsets.UTF_8);
            String rest = name.substring(slash + 1);
            if (rest.equals(FEED_JSON)) {
                jsons.put(id, JSON.readValue(zip.readAllBytes(), FeedJson.class));
            } else if (rest.startsWith(EPISODES)) {
                IndexFiles.add(episodes.computeIfAbsent(id, any -> IndexFiles.inMemory()),
                        rest.substring(EPISODES.length()), zip);
            } else if (rest.startsWith(MOMENTS)) {
                IndexFiles.add(moments.computeIfAbsent(id, any -> IndexFiles.inMemory()),
                        rest.substring(MOMENTS.length()), zip);
            } else {
                throw new IOException("an unknown entry " + name);
            }
            counts.merge(id, 1, Integer::sum);
        }
        if (manifest == null) {
            throw new IOException("it ends before its manifest: cut short");
        }
        // The entries are whole and their CRCs right; an object cut in its central directory is refused all the same.
        tail.transferTo(OutputStream.nullOutputStream());
        if (!tail.endsWithEndOfCentralDirectory()) {
            throw new IOException("it ends before its end of central directory record: cut short");
        }
        if (manifest.format() != FORMAT) {
            throw new IOException("its format is " + manifest.format() + ", this function reads " + FORMAT);
        }
        if (!manifest.feeds().equals(counts) || !jsons.keySet().equals(counts.keySet())) {
            throw new IOException("its entries are not the ones its manifest counts");
        }
        Map<String, FeedState> feeds = new LinkedHashMap<>();
        for (Map.Entry<String, FeedJson> feed : new TreeMap<>(jsons).entrySet()) {
            feeds.put(feed.getKey(), state(feed.getValue(), episodes.get(feed.getKey()), moments.get(feed.getKey())));
        }
        return new Archive(manifest.built(), feeds);
    }

    private static FeedState state(FeedJson json, Directory episodes, Directory moments) throws IOException {
        if (json.fetched() == null || episodes == null) {
            return new FeedState(json.feedUrl(), null, json.known(), json.failure());
        }
        IndexSearch index = IndexSearch.open(episodes)
                .withMoments(moments == null ? null : DirectoryReader.open(moments));
        FeedCopy copy = new FeedCopy(index, FeedCopy.byId(new ArrayList<>(json.episodes())), json.files(),
                json.etag(), json.lastModified(), json.fetched(), false);
        return new FeedState(json.feedUrl(), copy, json.known(), json.failure());
    }

    private static void deflated(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(bytes);
        zip.closeEntry();
    }

    /** Remembers the last bytes read through it: a zip without a comment ends with its 22-byte end record. */
    private static final class Tail extends FilterInputStream {

        private static final int END_RECORD = 22;
        private final byte[] last = new byte[END_RECORD];
        private long count;

        Tail(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                remember(new byte[] { (byte) b }, 0, 1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int got = super.read(b, off, len);
            if (got > 0) {
                remember(b, off, got);
            }
            return got;
        }

        private void remember(byte[] b, int off, int len) {
            int start = Math.max(off, off + len - END_RECORD);
            long at = count + (start - off);
            for (int i = start; i < off + len; i++) {
                last[(int) (at++ % END_RECORD)] = b[i];
            }
            count += len;
        }

        boolean endsWithEndOfCentralDirectory() {
            if (count < END_RECORD) {
                return false;
            }
            int first = (int) (count % END_RECORD);
            return last[first] == 0x50 && last[(first + 1) % END_RECORD] == 0x4b
                    && last[(first + 2) % END_RECORD] == 0x05 && last[(first + 3) % END_RECORD] == 0x06;
        }
    }
}
