package dev.podcastsearch.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One episode of a {@link GeneratedCorpus} show: what its feed item says, all drawn from {@code seed}, and its
 * transcript and chapters, written from the same seed each time they are asked for and never kept, so that a corpus of
 * thousands of hour-long transcripts costs no memory. The transcript is WebVTT, a cue about every {@value #CUE_SECONDS}
 * seconds, the host and the guest taking turns in voice spans ({@code <v Name>}), {@code words} words in all, the last
 * of them {@link #LAST_WORD}; the chapters file is Podcasting 2.0's JSON, {@value #CHAPTERS} chapters with a
 * {@code startTime} and a title.
 */
record GeneratedEpisode(int show, int number, long seed, String title, String description, List<String> topics,
        String host, String guest, Instant published, int durationS, int words) {

    static final int CHAPTERS = 10;
    /** The last word of every transcript, and in no other place: a search for it finds each file once it is indexed. */
    static final String LAST_WORD = "farewell";
    static final int CUE_SECONDS = 10;
    /** A show's first episode; each show publishes weekly, on its own weekday, from that week on. */
    private static final Instant FIRST_WEEK = Instant.parse("2021-01-04T10:00:00Z");
    /** How often a cue's speaker hands over to the other: every fourth cue or so. */
    private static final double HAND_OVER = 0.25;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TITLES = List.of("%s and %s in production", "What's new in %s, with %3$s",
            "%s or %s? How to choose", "Testing %s applications", "A year of %s at scale",
            "From %s to %s: a migration story", "%s internals, with %3$s", "Fast %s, safe %s");
    private static final List<String> SUBJECTS = List.of("validation", "performance", "testing", "packaging",
            "deployment", "type hints", "async code", "the community", "documentation", "migrations",
            "error handling", "the roadmap", "observability", "security");
    private static final List<String> CHAPTER_TITLES = List.of("%s and %s", "Why %2$s matters in %1$s",
            "%2$s with %1$s", "Questions about %2$s", "Where %1$s gets %2$s wrong", "%1$s in the wild");

    /** Episode {@code number} of {@code show} in the corpus of {@code corpusSeed}, about {@code targetWords} long. */
    static GeneratedEpisode of(long corpusSeed, int show, int number, int targetWords) {
        long seed = seedOf(corpusSeed, show, number);
        SplittableRandom random = new SplittableRandom(seed);
        List<String> topics = twoTopics(random);
        String host = host(corpusSeed, show);
        String guest = GeneratedSpeech.name(random);
        String title = "Episode " + number + ": " + GeneratedSpeech.capitalised(String.format(
                TITLES.get(random.nextInt(TITLES.size())), topics.get(0), topics.get(1), guest));
        String description = guest + " joins " + host + " to talk about " + topics.get(0) + " and " + topics.get(1)
                + ". " + GeneratedSpeech.english().sentences(random, topics, 25 + random.nextInt(20));
        int words = (int) Math.round(targetWords * (0.95 + 0.1 * random.nextDouble()));
        // People say about 2.3 to 2.7 words a second: 9 000 words are about an hour.
        int durationS = (int) Math.round(words / (2.3 + 0.4 * random.nextDouble()));
        Instant published = FIRST_WEEK.plus(Duration.ofDays(7L * (number - 1) + show % 7)).plus(Duration.ofHours(show / 7));
        return new GeneratedEpisode(show, number, seed, title, description, topics, host, guest, published, durationS,
                words);
    }

    /** The host of {@code show}, in every episode. */
    static String host(long corpusSeed, int show) {
        return GeneratedSpeech.name(new SplittableRandom(seedOf(corpusSeed, show, 0)));
    }

    /** A seed mixed from the parts (SplitMix64's finaliser), so that neighbouring shows and episodes share no draws. */
    static long seedOf(long... parts) {
        long seed = 0x9E3779B97F4A7C15L;
        for (long part : parts) {
            seed = (seed ^ part) * 0xBF58476D1CE4E5B9L;
            seed = (seed ^ (seed >>> 31)) * 0x94D049BB133111EBL;
            seed ^= seed >>> 29;
        }
        return seed;
    }

    /** The WebVTT transcript, about 65 KB, written anew. */
    byte[] transcript() {
        SplittableRandom random = new SplittableRandom(seedOf(seed, 1));
        GeneratedSpeech.Sentences speech = GeneratedSpeech.english().new Sentences(random, topics);
        List<String> voices = List.of(host, guest);
        int cues = Math.max(1, Math.round(durationS / (float) CUE_SECONDS));
        StringBuilder vtt = new StringBuilder(words * 7 + cues * 64).append("WEBVTT\n\n");
        int voice = 0;
        int wordsLeft = words;
        long startMs = 0;
        for (int cue = 0; cue < cues; cue++) {
            int cuesAfter = cues - cue - 1;
            int count = cuesAfter == 0 ? wordsLeft : Math.max(1, Math.min(wordsLeft - cuesAfter,
                    (int) Math.round(wordsLeft / (double) (cuesAfter + 1) * (0.6 + 0.8 * random.nextDouble()))));
            int nextVoice = random.nextDouble() < HAND_OVER ? 1 - voice : voice;
            long endMs = cuesAfter == 0 ? durationS * 1000L
                    : Math.round((cue + 1) * 1000.0 * durationS / cues) + random.nextInt(4_001) - 2_000;
            vtt.append(cue + 1).append('\n');
            time(vtt, startMs).append(" --> ");
            time(vtt, endMs).append("\n<v ").append(voices.get(voice)).append('>');
            for (int word = 0; word < count; word++) {
                boolean last = word == count - 1;
                vtt.append(word == 0 ? "" : " ");
                if (last && cuesAfter == 0) {
                    vtt.append(LAST_WORD).append('.');
                } else {
                    // A speaker finishes the sentence before handing over.
                    vtt.append(speech.next(last && nextVoice != voice));
                }
            }
            vtt.append("\n\n");
            wordsLeft -= count;
            startMs = endMs;
            voice = nextVoice;
        }
        return vtt.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The chapters file: the first at 0 s, the others about a tenth of the episode apart. */
    byte[] chapters() {
        SplittableRandom random = new SplittableRandom(seedOf(seed, 2));
        List<Map<String, Object>> chapters = new ArrayList<>(CHAPTERS);
        for (int chapter = 0; chapter < CHAPTERS; chapter++) {
            String title = chapter == 0 ? "Welcome, and meet " + guest
                    : chapter == CHAPTERS - 1 ? "Wrapping up, and where to find " + guest
                    : GeneratedSpeech.capitalised(String.format(CHAPTER_TITLES.get(random.nextInt(CHAPTER_TITLES.size())),
                            topics.get(chapter % 2), SUBJECTS.get(random.nextInt(SUBJECTS.size()))));
            Map<String, Object> entry = new LinkedHashMap<>();
            int spacing = durationS / CHAPTERS;
            entry.put("startTime", chapter == 0 ? 0 : chapter * spacing + random.nextInt(spacing / 3 + 1) - spacing / 6);
            entry.put("title", title);
            chapters.add(entry);
        }
        // Map.of would not do: its order changes from one JVM to the next, and so would the bytes under the same ETag.
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("version", "1.2.0");
        file.put("chapters", chapters);
        try {
            return JSON.writeValueAsBytes(file);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings and numbers are always JSON", e);
        }
    }

    private static List<String> twoTopics(SplittableRandom random) {
        int first = random.nextInt(GeneratedSpeech.TOPICS.size());
        int second = (first + 1 + random.nextInt(GeneratedSpeech.TOPICS.size() - 1)) % GeneratedSpeech.TOPICS.size();
        return List.of(GeneratedSpeech.TOPICS.get(first), GeneratedSpeech.TOPICS.get(second));
    }

    /** {@code HH:MM:SS.mmm}, as WebVTT writes a cue's times. */
    private static StringBuilder time(StringBuilder text, long millis) {
        return two(two(two(text, millis / 3_600_000).append(':'), millis / 60_000 % 60).append(':'), millis / 1000 % 60)
                .append('.').append((char) ('0' + millis / 100 % 10)).append((char) ('0' + millis / 10 % 10))
                .append((char) ('0' + millis % 10));
    }

    private static StringBuilder two(StringBuilder text, long value) {
        return text.append((char) ('0' + value / 10 % 10)).append((char) ('0' + value % 10));
    }
}
