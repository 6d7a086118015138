package dev.podcastsearch.source.moment;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.jboss.logging.Logger;

import dev.podcastsearch.index.Moment;
import dev.podcastsearch.index.MomentIndex;
import dev.podcastsearch.source.SourceFailure;
import dev.podcastsearch.source.fetch.UrlFetcher;

/**
 * The moments of one feed's episodes: their transcripts and chapters, fetched after the feed and kept in a
 * {@link MomentIndex}. No search waits for them: a refresh of the feed starts a pass ({@link #refresh}), one at a time,
 * and when it ends its moments are handed to whoever searches ({@code changed}), for the searches after.
 * <ul>
 * <li>Only the newest {@value #MAX_EPISODES} episodes' files are kept; a file the feed no longer names (or names at
 * another URL) is dropped.</li>
 * <li>A pass fetches at most {@code per-refresh} files: new ones first, newest episodes first; then ones that failed
 * before; then kept ones older than {@code refresh}, oldest first, conditionally (a 304 keeps their moments). At most
 * {@value #PER_HOST} at a time from one host.</li>
 * <li>A file that fails (refused by the address rule, an error status, too large, unreadable) is skipped with one log
 * line and tried again on a later refresh; moments it had stay. A feed's answer never depends on its files.</li>
 * <li>Fetched with the feed's bounds and address rule ({@link UrlFetcher#forFiles}); closing stops every fetch.</li>
 * </ul>
 */
public final class FeedMoments implements AutoCloseable {

    /** The most episodes whose moments a feed keeps, the newest. */
    public static final int MAX_EPISODES = 500;
    static final int PER_HOST = 3;
    public static final String ACCEPT = "application/json, text/vtt, application/x-subrip, application/srt, text/html;q=0.8,"
            + " text/plain;q=0.8, */*;q=0.5";
    private static final Logger LOG = Logger.getLogger(FeedMoments.class);

    /** The files the feed names for one episode (absolute http(s) URLs, or null). */
    public record Files(long episode, String transcriptUrl, String chaptersUrl) {
    }

    private record Key(long episode, Moment.Kind kind) {

        String label() {
            return kind == Moment.Kind.CHAPTER ? "chapters" : "transcript";
        }
    }

    /** What is known of a file: where, its validators, when last asked for, and whether that failed. */
    private record Known(String url, String etag, String lastModified, Instant checked, boolean failed) {
    }

    /**
     * What is known of one file, as the published index keeps it, so that the next ingest asks for it conditionally
     * and knows when it is due again.
     */
    public record KnownFile(long episode, Moment.Kind kind, String url, String etag, String lastModified,
            Instant checked, boolean failed) {
    }

    /** What one pass did: files read anew, files confirmed unchanged (304), files skipped. */
    public record Pass(int read, int notModified, int skipped) {

        static final Pass NONE = new Pass(0, 0, 0);
    }

    /** Counts a pass as it goes. */
    private static final class Tally {

        final AtomicInteger read = new AtomicInteger();
        final AtomicInteger notModified = new AtomicInteger();
        final AtomicInteger skipped = new AtomicInteger();

        Pass pass() {
            return new Pass(read.get(), notModified.get(), skipped.get());
        }
    }

    /** The moments as the last pass left them (null before any) and what is known of their files. */
    public record Kept(List<KnownFile> files, DirectoryReader moments) {
    }

    private record Due(Key key, String url, Known known) {
    }

    private final String sourceId;
    private final UrlFetcher fetcher;
    private final int perRefresh;
    private final Duration refresh;
    private final Executor worker;
    private final Consumer<DirectoryReader> changed;
    /** Made by the first pass with files to fetch: a feed that names none (priming's) never makes one. */
    private volatile MomentIndex index;
    private final Map<Key, Known> known = new ConcurrentHashMap<>();
    private final Set<UrlFetcher.Fetch> fetching = ConcurrentHashMap.newKeySet();
    /** Guarded by {@code this}. */
    private boolean passing;
    private volatile boolean closed;

    /**
     * {@code worker} reads and indexes what arrives, off the event loop; {@code changed} hears of every pass that
     * changed the moments.
     */
    public FeedMoments(String sourceId, UrlFetcher fetcher, int perRefresh, Duration refresh, Executor worker,
            Consumer<DirectoryReader> changed) {
        this.sourceId = sourceId;
        this.fetcher = fetcher;
        this.perRefresh = perRefresh;
        this.refresh = refresh;
        this.worker = worker;
        this.changed = changed;
    }

    /** The moments as the last pass left them; null before any. */
    public DirectoryReader committed() {
        MomentIndex made = index;
        return made == null ? null : made.committed();
    }

    /** What the last pass left, to publish. */
    public Kept kept() {
        List<KnownFile> files = known.entrySet().stream()
                .map(file -> new KnownFile(file.getKey().episode(), file.getKey().kind(), file.getValue().url(),
                        file.getValue().etag(), file.getValue().lastModified(), file.getValue().checked(),
                        file.getValue().failed()))
                .sorted(Comparator.comparingLong(KnownFile::episode).thenComparing(KnownFile::kind))
                .toList();
        return new Kept(files, committed());
    }

    /**
     * Goes on from what an earlier instance kept ({@link #kept}): its moments, copied into {@code writable} (an index
     * this one may change), and its files' validators. Before any pass.
     */
    public void restore(List<KnownFile> files, Directory writable) {
        files.forEach(file -> known.put(new Key(file.episode(), file.kind()),
                new Known(file.url(), file.etag(), file.lastModified(), file.checked(), file.failed())));
        index = MomentIndex.in(writable);
    }

    /**
     * Starts a pass over the files {@code newestFirst} names, unless one is under way; returns at once. Completes when
     * the pass ends (at once when none starts) with what it did.
     */
    public CompletableFuture<Pass> refresh(List<Files> newestFirst) {
        return refresh(newestFirst, null);
    }

    /**
     * {@link #refresh}, starting no fetch after {@code stopBy} (if set): the files left wait for the next pass. The
     * ingest's bound, so that a run ends before its function's timeout with what it has.
     */
    public CompletableFuture<Pass> refresh(List<Files> newestFirst, Instant stopBy) {
        synchronized (this) {
            if (passing || closed) {
                return CompletableFuture.completedFuture(Pass.NONE);
            }
            passing = true;
        }
        Map<Key, String> wanted = wanted(newestFirst);
        boolean dropped = dropUnnamed(wanted);
        List<Due> due = due(wanted);
        if (due.isEmpty() && !dropped) {
            synchronized (this) {
                passing = false;
            }
            return CompletableFuture.completedFuture(Pass.NONE);
        }
        if (index == null) {
            index = MomentIndex.inMemory();
        }
        Map<String, Queue<Due>> byHost = new LinkedHashMap<>();
        due.forEach(file -> byHost.computeIfAbsent(host(file.url()), host -> new ConcurrentLinkedQueue<>()).add(file));
        Tally tally = new Tally();
        List<CompletableFuture<Void>> lanes = new ArrayList<>();
        byHost.values().forEach(queue -> {
            for (int lane = 0; lane < Math.min(PER_HOST, queue.size()); lane++) {
                lanes.add(lane(queue, tally, stopBy));
            }
        });
        return CompletableFuture.allOf(lanes.toArray(CompletableFuture[]::new)).handleAsync((done, failure) -> {
            try {
                if (!closed) {
                    DirectoryReader moments = index.commit();
                    Pass pass = tally.pass();
                    LOG.infof("source %s: %d transcript and chapters files read, %d unchanged, %d skipped, %d left"
                            + " for a later pass; %d moments searched", sourceId, pass.read(), pass.notModified(),
                            pass.skipped(), due.size() - pass.read() - pass.notModified() - pass.skipped(),
                            moments.numDocs());
                    changed.accept(moments);
                }
            } finally {
                synchronized (this) {
                    passing = false;
                }
            }
            return tally.pass();
        }, worker);
    }

    /** The files of the newest {@value #MAX_EPISODES} episodes, newest first. */
    private static Map<Key, String> wanted(List<Files> newestFirst) {
        Map<Key, String> wanted = new LinkedHashMap<>();
        for (Files files : newestFirst.subList(0, Math.min(MAX_EPISODES, newestFirst.size()))) {
            if (files.transcriptUrl() != null) {
                wanted.putIfAbsent(new Key(files.episode(), Moment.Kind.TRANSCRIPT), files.transcriptUrl());
            }
            if (files.chaptersUrl() != null) {
                wanted.putIfAbsent(new Key(files.episode(), Moment.Kind.CHAPTER), files.chaptersUrl());
            }
        }
        return wanted;
    }

    /** Drops the files the feed no longer names where it named them; says whether there were any. */
    private boolean dropUnnamed(Map<Key, String> wanted) {
        boolean dropped = false;
        for (Map.Entry<Key, Known> file : List.copyOf(known.entrySet())) {
            if (!file.getValue().url().equals(wanted.get(file.getKey()))) {
                index.remove(file.getKey().episode(), file.getKey().kind());
                known.remove(file.getKey());
                dropped = true;
            }
        }
        return dropped;
    }

    /** New files first, in the feed's order; then failed ones; then kept ones due again, the longest unasked first. */
    private List<Due> due(Map<Key, String> wanted) {
        Instant now = Instant.now();
        List<Due> fresh = new ArrayList<>();
        List<Due> failed = new ArrayList<>();
        List<Due> old = new ArrayList<>();
        wanted.forEach((key, url) -> {
            Known file = known.get(key);
            if (file == null) {
                fresh.add(new Due(key, url, null));
            } else if (file.failed()) {
                failed.add(new Due(key, url, file));
            } else if (!now.isBefore(file.checked().plus(refresh))) {
                old.add(new Due(key, url, file));
            }
        });
        old.sort(Comparator.comparing(file -> file.known().checked()));
        List<Due> due = new ArrayList<>(fresh);
        due.addAll(failed);
        due.addAll(old);
        return due.subList(0, Math.min(perRefresh, due.size()));
    }

    /** Fetches the files of one host one after another; a few lanes run side by side. */
    private CompletableFuture<Void> lane(Queue<Due> queue, Tally tally, Instant stopBy) {
        if (closed || stopBy != null && !Instant.now().isBefore(stopBy)) {
            return CompletableFuture.completedFuture(null);
        }
        Due next = queue.poll();
        if (next == null) {
            return CompletableFuture.completedFuture(null);
        }
        return fetch(next, tally).thenCompose(done -> lane(queue, tally, stopBy));
    }

    private CompletableFuture<Void> fetch(Due due, Tally tally) {
        UrlFetcher.Fetch fetch;
        try {
            Known before = due.known();
            fetch = fetcher.get(URI.create(due.url()), before == null ? null : before.etag(),
                    before == null ? null : before.lastModified());
        } catch (IllegalArgumentException e) {
            skip(due, "its URL cannot be fetched", tally);
            return CompletableFuture.completedFuture(null);
        }
        fetching.add(fetch);
        return fetch.result().handleAsync((answer, failure) -> {
            fetching.remove(fetch);
            if (closed) {
                return null;
            }
            if (failure != null) {
                skip(due, SourceFailure.of(sourceId, failure, false).reason(), tally);
            } else {
                answered(due, answer, tally);
            }
            return null;
        }, worker);
    }

    private void answered(Due due, UrlFetcher.Answer answer, Tally tally) {
        Instant now = Instant.now();
        if (answer.status() == 304) {
            if (due.known() == null || due.known().etag() == null && due.known().lastModified() == null) {
                skip(due, "answered HTTP 304 to a request without validators", tally);
            } else {
                known.put(due.key(), new Known(due.url(), due.known().etag(), due.known().lastModified(), now, false));
                tally.notModified.incrementAndGet();
            }
            return;
        }
        try {
            List<Moment> moments = due.key().kind() == Moment.Kind.CHAPTER ? Chapters.read(answer.body())
                    : Transcript.read(answer.body());
            index.replace(due.key().episode(), due.key().kind(), moments);
            known.put(due.key(), new Known(due.url(), answer.etag(), answer.lastModified(), now, false));
            tally.read.incrementAndGet();
        } catch (UnreadableFile e) {
            skip(due, e.getMessage(), tally);
        } catch (RuntimeException e) {
            // A bug of ours in reading one file must not stop the others: it is that file's failure.
            LOG.errorf(e, "source %s: the %s of episode %d could not be read", sourceId, due.key().label(),
                    due.key().episode());
            skip(due, "could not be read", tally);
        }
    }

    /** One line per skipped file, naming its host (a reason never names an address); tried again next refresh. */
    private void skip(Due due, String reason, Tally tally) {
        tally.skipped.incrementAndGet();
        LOG.warnf("source %s: the %s of episode %d at %s skipped until a later refresh: %s", sourceId,
                due.key().label(), due.key().episode(), host(due.url()), reason);
        Known before = due.known();
        known.put(due.key(), before == null ? new Known(due.url(), null, null, Instant.now(), true)
                : new Known(before.url(), before.etag(), before.lastModified(), before.checked(), true));
    }

    private static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? "?" : host;
        } catch (IllegalArgumentException e) {
            return "?";
        }
    }

    /**
     * Stops every fetch under way; a pass running ends without changing anything more. The index holds only memory,
     * left to the garbage collector with this.
     */
    @Override
    public void close() {
        closed = true;
        SourceFailure reason = new SourceFailure(sourceId, "source closed");
        fetching.forEach(fetch -> fetch.abort(reason));
    }
}
