package dev.podcastsearch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.podcastsearch.support.upstream.ScriptedUpstream;

/**
 * A corpus of podcasts of realistic size, generated and served over HTTP on loopback: {@link #SHOWS} shows of
 * {@link #EPISODES} weekly episodes by default, each show on a host of its own (its own port), as shows are. A show's
 * RSS feed ({@code /feed.xml}) names, per item, its audio, duration, number, a WebVTT transcript of about
 * {@link #WORDS} words ({@code /episodes/<n>/transcript.vtt}) and a chapters file ({@code /episodes/<n>/chapters.json}):
 * see {@link GeneratedEpisode}. Everything is drawn from one seed, and every document is written anew when it is asked
 * for, never kept, so that 3 000 hour-long transcripts (about 200 MB) cost no memory.
 *
 * <p>
 * Each document has a strong ETag named after what it is generated from (the seed, the show, the episode; for a feed
 * its number of episodes and its host's address), so it stays the same for the same content, and a request whose
 * {@code If-None-Match} names it is answered 304 without generating anything, as a CDN answers. {@link #newEpisode}
 * publishes one more episode at the top of a show's feed, which changes that feed's ETag and no other. Requests are
 * counted per show and per kind of document ({@link #traffic}), so that a benchmark can say what its ingest asked of
 * each feed's host.
 */
final class GeneratedCorpus implements AutoCloseable {

    static final int SHOWS = 10;
    static final int EPISODES = 300;
    static final int WORDS = 9_000;
    static final long SEED = 22;
    static final String LAST_WORD = GeneratedEpisode.LAST_WORD;
    static final String FEED_PATH = "/feed.xml";

    /** What a request asked for. */
    enum Kind {
        FEED, TRANSCRIPT, CHAPTERS, OTHER
    }

    /** What one show's host (or all of them) answered since the start or {@link #resetTraffic()}. */
    record Traffic(long feeds, long transcripts, long chapters, long other, long notModified, long bodyBytes) {

        long requests() {
            return feeds + transcripts + chapters + other;
        }

        Traffic plus(Traffic more) {
            return new Traffic(feeds + more.feeds, transcripts + more.transcripts, chapters + more.chapters,
                    other + more.other, notModified + more.notModified, bodyBytes + more.bodyBytes);
        }
    }

    private static final Pattern EPISODE_FILE = Pattern.compile("/episodes/(\\d{1,9})/(transcript\\.vtt|chapters\\.json)");
    private static final DateTimeFormatter PUB_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final List<String> SHOW_TITLES = List.of("Talk Python Hour", "Bytes and Coffee", "The Async Cast",
            "Import This Weekly", "Type Hinted", "The Test Runner", "Data in Motion", "Packaging Matters",
            "Core Dev Chats", "Notebook Nights");

    private final long seed;
    private final int words;
    private final List<Show> shows = new ArrayList<>();

    private GeneratedCorpus(int shows, int episodes, int words, long seed) {
        this.seed = seed;
        this.words = words;
        for (int show = 0; show < shows; show++) {
            this.shows.add(new Show(show, episodes));
        }
    }

    /** {@link #SHOWS} shows of {@link #EPISODES} episodes of about {@link #WORDS} words, from {@link #SEED}. */
    static GeneratedCorpus start() {
        return start(SHOWS, EPISODES, WORDS, SEED);
    }

    static GeneratedCorpus start(int shows, int episodes, int words, long seed) {
        return new GeneratedCorpus(shows, episodes, words, seed);
    }

    int shows() {
        return shows.size();
    }

    /** How many episodes {@code show}'s feed has now. */
    int episodes(int show) {
        return shows.get(show).episodes.get();
    }

    /** The source id a function configures {@code show}'s feed under: {@code gen00}, {@code gen01}, ... */
    static String sourceId(int show) {
        return String.format(Locale.ROOT, "gen%02d", show);
    }

    String baseUrl(int show) {
        return shows.get(show).upstream.baseUrl();
    }

    String feedUrl(int show) {
        return baseUrl(show) + FEED_PATH;
    }

    /** {@code SEARCH_SOURCES_<ID>_FEED_URL} for every show: the configuration that makes each a feed source. */
    Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (int show = 0; show < shows.size(); show++) {
            environment.put("SEARCH_SOURCES_" + sourceId(show).toUpperCase(Locale.ROOT) + "_FEED_URL", feedUrl(show));
        }
        return environment;
    }

    /** Episode {@code number} of {@code show} (1 is its first), whether or not its feed has it yet. */
    GeneratedEpisode episode(int show, int number) {
        return GeneratedEpisode.of(seed, show, number, words);
    }

    /** Publishes one more episode at the top of {@code show}'s feed, and returns it. */
    GeneratedEpisode newEpisode(int show) {
        return episode(show, shows.get(show).episodes.incrementAndGet());
    }

    /** {@code show}'s feed as it is now. */
    byte[] feed(int show) {
        return feed(show, episodes(show));
    }

    String feedEtag(int show) {
        return feedEtag(show, episodes(show));
    }

    Traffic traffic(int show) {
        return shows.get(show).traffic();
    }

    /** Every show's traffic, added up. */
    Traffic traffic() {
        return shows.stream().map(Show::traffic).reduce(new Traffic(0, 0, 0, 0, 0, 0), Traffic::plus);
    }

    void resetTraffic() {
        shows.forEach(Show::reset);
    }

    @Override
    public void close() throws IOException {
        for (Show show : shows) {
            show.upstream.close();
        }
    }

    private byte[] feed(int show, int episodes) {
        String base = baseUrl(show);
        String host = GeneratedEpisode.host(seed, show);
        StringBuilder xml = new StringBuilder(episodes * 1_200 + 1_000)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"")
                .append(" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"")
                .append(" xmlns:podcast=\"https://podcastindex.org/namespace/1.0\">\n<channel>\n<title>")
                .append(xml(showTitle(show))).append("</title>\n<link>").append(base).append("/</link>\n")
                .append("<description>A weekly show about Python, hosted by ").append(xml(host)).append(".</description>\n")
                .append("<language>en</language>\n<itunes:author>").append(xml(host)).append("</itunes:author>\n");
        for (int number = episodes; number >= 1; number--) {
            GeneratedEpisode episode = episode(show, number);
            String page = base + "/episodes/" + number;
            xml.append("<item>\n<title>").append(xml(episode.title())).append("</title>\n<link>").append(page)
                    .append("</link>\n<guid isPermaLink=\"false\">").append(sourceId(show)).append('-').append(number)
                    .append("</guid>\n<pubDate>").append(PUB_DATE.format(episode.published())).append("</pubDate>\n")
                    .append("<description>").append(xml(episode.description())).append("</description>\n")
                    // 128 kbit/s: 16 000 bytes a second.
                    .append("<enclosure url=\"").append(page).append(".mp3\" length=\"")
                    .append(episode.durationS() * 16_000L).append("\" type=\"audio/mpeg\"/>\n")
                    .append("<itunes:duration>").append(episode.durationS()).append("</itunes:duration>\n")
                    .append("<itunes:episode>").append(number).append("</itunes:episode>\n")
                    .append("<podcast:person role=\"host\">").append(xml(host)).append("</podcast:person>\n")
                    .append("<podcast:person role=\"guest\">").append(xml(episode.guest())).append("</podcast:person>\n")
                    .append("<podcast:transcript url=\"").append(page).append("/transcript.vtt\" type=\"text/vtt\"/>\n")
                    .append("<podcast:chapters url=\"").append(page)
                    .append("/chapters.json\" type=\"application/json+chapters\"/>\n</item>\n");
        }
        return xml.append("</channel>\n</rss>\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String showTitle(int show) {
        String title = SHOW_TITLES.get(show % SHOW_TITLES.size());
        return show < SHOW_TITLES.size() ? title : title + " " + (show / SHOW_TITLES.size() + 1);
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** A feed's ETag: its links name its host, so the host's address is part of what it is generated from. */
    private String feedEtag(int show, int episodes) {
        return etag("feed", GeneratedEpisode.seedOf(seed, show, episodes, baseUrl(show).hashCode()));
    }

    /** A strong ETag named after what the document is generated from. */
    private static String etag(String kind, long generatedFrom) {
        return "\"" + kind + "-" + Long.toHexString(generatedFrom) + "\"";
    }

    /** Whether {@code ifNoneMatch} names {@code etag}, or any ({@code *}); a weak comparison, as RFC 9110 has it. */
    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*") || candidate.equals(etag) || candidate.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** A document a show's host serves: its ETag, and how to write it, which is left undone when a 304 answers. */
    private record Document(Kind kind, String etag, String contentType, Supplier<byte[]> body) {
    }

    private final class Show {

        private final int index;
        private final AtomicInteger episodes;
        private final ScriptedUpstream upstream = ScriptedUpstream.start();
        private final LongAdder[] requests = new LongAdder[Kind.values().length];
        private final LongAdder notModified = new LongAdder();
        private final LongAdder bodyBytes = new LongAdder();

        Show(int index, int episodes) {
            this.index = index;
            this.episodes = new AtomicInteger(episodes);
            Arrays.setAll(requests, kind -> new LongAdder());
            upstream.answer(this::answer);
        }

        private void answer(ScriptedUpstream.Exchange exchange) throws IOException {
            String target = exchange.request().target();
            int query = target.indexOf('?');
            Document document = document(query < 0 ? target : target.substring(0, query));
            Kind kind = document == null ? Kind.OTHER : document.kind();
            requests[kind.ordinal()].increment();
            if (document == null) {
                exchange.write("HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: 9\r\n\r\nnot found");
            } else if (matches(exchange.request().header("If-None-Match"), document.etag())) {
                notModified.increment();
                exchange.write("HTTP/1.1 304 Not Modified\r\nETag: " + document.etag() + "\r\n\r\n");
            } else {
                byte[] body = document.body().get();
                bodyBytes.add(body.length);
                byte[] head = ("HTTP/1.1 200 OK\r\nContent-Type: " + document.contentType() + "\r\nETag: "
                        + document.etag() + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                // One write, head and body together: two small writes would wait for the client's delayed ACK.
                byte[] whole = Arrays.copyOf(head, head.length + body.length);
                System.arraycopy(body, 0, whole, head.length, body.length);
                exchange.write(whole);
            }
        }

        /** What {@code path} names on this show's host now, or null. */
        private Document document(String path) {
            int published = episodes.get();
            if (path.equals(FEED_PATH)) {
                return new Document(Kind.FEED, feedEtag(index, published), "application/rss+xml; charset=utf-8",
                        () -> feed(index, published));
            }
            Matcher file = EPISODE_FILE.matcher(path);
            if (!file.matches()) {
                return null;
            }
            int number = Integer.parseInt(file.group(1));
            if (number < 1 || number > published) {
                return null;
            }
            GeneratedEpisode episode = episode(index, number);
            return file.group(2).startsWith("transcript")
                    ? new Document(Kind.TRANSCRIPT, etag("vtt", episode.seed()), "text/vtt; charset=utf-8",
                            episode::transcript)
                    : new Document(Kind.CHAPTERS, etag("chapters", episode.seed()), "application/json; charset=utf-8",
                            episode::chapters);
        }

        Traffic traffic() {
            return new Traffic(requests[Kind.FEED.ordinal()].sum(), requests[Kind.TRANSCRIPT.ordinal()].sum(),
                    requests[Kind.CHAPTERS.ordinal()].sum(), requests[Kind.OTHER.ordinal()].sum(), notModified.sum(),
                    bodyBytes.sum());
        }

        /** Forgets the counts, and the requests the stand-in recorded, which a long run would pile up. */
        void reset() {
            Arrays.stream(requests).forEach(LongAdder::reset);
            notModified.reset();
            bodyBytes.reset();
            upstream.answer(this::answer);
        }
    }
}
