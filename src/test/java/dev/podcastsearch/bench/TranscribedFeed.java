package dev.podcastsearch.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;

/**
 * A feed of {@link #EPISODES} episodes, each naming an SRT transcript of about {@link #WORDS} words (an hour of talk:
 * about 75 KB), all served by one stand-in. The words are drawn, with a fixed seed, from a small vocabulary in which
 * {@code python} is said in about one cue in five, as in a Python podcast; each transcript's last cue alone says
 * {@link #LAST_WORD}, so that a search for it finds all of them once every file is indexed.
 */
final class TranscribedFeed {

    static final int EPISODES = 20;
    static final int WORDS = 9_000;
    static final String LAST_WORD = "farewell";
    private static final int WORDS_PER_CUE = 12;
    private static final String[] VOCABULARY = ("python the a and of to in is that it we you this for with on was so"
            + " code library test function data type packaging release async web framework error module class value"
            + " people really think about just like know when there what which because project version user").split(" ");

    private TranscribedFeed() {
    }

    /** Serves the feed at {@code /feed} and its transcripts at {@code /<episode>.srt}. */
    static void serve(ScriptedUpstream upstream) {
        Map<String, Reply> files = new LinkedHashMap<>();
        StringBuilder items = new StringBuilder();
        for (int episode = EPISODES; episode >= 1; episode--) {
            files.put("/" + episode + ".srt", Reply.status(200, "application/x-subrip", transcript(episode)));
            items.append("<item><title>Episode ").append(episode).append(": Python packaging and testing</title>")
                    .append("<link>https://bench.example/").append(episode).append("/</link>")
                    .append("<guid isPermaLink=\"false\">bench-").append(episode).append("</guid>")
                    .append("<pubDate>").append(String.format("%02d", episode)).append(" Jan 2026 12:00:00 +0000</pubDate>")
                    .append("<itunes:duration>3600</itunes:duration>")
                    .append("<podcast:transcript url=\"").append(upstream.baseUrl()).append('/').append(episode)
                    .append(".srt\" type=\"application/x-subrip\"/>")
                    .append("<description>How a Python project tests its code and ships a release.</description>")
                    .append("<enclosure url=\"https://bench.example/").append(episode)
                    .append(".mp3\" length=\"50000000\" type=\"audio/mpeg\"/></item>");
        }
        files.put("/feed", Reply.feed("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\""
                + " xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\""
                + " xmlns:podcast=\"https://podcastindex.org/namespace/1.0\"><channel><title>Bench Talk</title>"
                + "<link>https://bench.example/</link><description>A generated show</description>" + items
                + "</channel></rss>", "\"bench\"", null));
        upstream.answer(exchange -> files.getOrDefault(exchange.request().target(),
                Reply.status(404, "text/plain", "none")).write(exchange));
    }

    private static String transcript(int episode) {
        Random random = new Random(episode);
        StringBuilder srt = new StringBuilder();
        int cues = WORDS / WORDS_PER_CUE;
        for (int cue = 1; cue <= cues; cue++) {
            StringBuilder text = new StringBuilder();
            for (int word = 0; word < WORDS_PER_CUE; word++) {
                text.append(word == 0 ? "" : " ").append(VOCABULARY[random.nextInt(VOCABULARY.length)]);
            }
            if (cue == cues) {
                text.append(' ').append(LAST_WORD);
            }
            srt.append(cue).append('\n').append(time(cue - 1)).append(" --> ").append(time(cue)).append('\n')
                    .append(text).append("\n\n");
        }
        return srt.toString();
    }

    /** Cue {@code n}'s boundary, 4.8 s a cue. */
    private static String time(int n) {
        int millis = n * 4_800;
        return String.format("%02d:%02d:%02d,%03d", millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60,
                millis % 1000);
    }
}
