package dev.podcastsearch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * English-like talk for {@link GeneratedCorpus}: words drawn from the {@value #WORDS_FILE} vocabulary (about 2 900
 * words, most frequent first) with Zipf's law, the word of rank r said with a probability proportional to 1/r, as in
 * English, so that an index meets a realistic mix of very common and rare terms; and {@link #TOPICS}, Python libraries
 * that no vocabulary word spells, which an episode is about or mentions in passing, so that a query for one finds some
 * episodes' moments and not others'. Every draw is from the caller's random, so the same seed says the same words.
 */
final class GeneratedSpeech {

    static final String WORDS_FILE = "bench/corpus/words.txt";
    /** What an episode can be about, and what any episode may mention once or twice. */
    static final List<String> TOPICS = List.of("pydantic", "fastapi", "asyncio", "django", "flask", "numpy", "pandas",
            "pytest", "sqlalchemy", "celery", "httpx", "uvicorn", "starlette", "polars", "mypy", "ruff", "jupyter",
            "scipy", "matplotlib", "pyarrow", "typer", "attrs", "hypothesis", "tox", "nox", "hatch", "cython", "numba",
            "dask", "streamlit");
    /** How often a word is one of the episode's own topics, and how often any topic: about 36 and 2 times an hour. */
    private static final double OWN_TOPIC = 1 / 250.0;
    private static final double ANY_TOPIC = 1 / 4_000.0;
    private static final double COMMA = 0.06;
    private static final double QUESTION = 0.15;
    private static final List<String> FIRST_NAMES = List.of("Michael", "Brian", "Sarah", "Priya", "José", "Anna",
            "Wei", "Fatima", "Łukasz", "Chloé", "Kenji", "Amara", "Oliver", "Ingrid", "Tomás", "Aisha", "Dmitri",
            "Grace", "Mateo", "Zoë", "Kwame", "Hannah", "Ravi", "Lena", "Samuel", "Yuki", "Carlos", "Nadia", "Ethan",
            "Sofia");
    private static final List<String> LAST_NAMES = List.of("Kennedy", "Okken", "Nakamura", "García", "Müller",
            "Patel", "Chen", "Kowalski", "Dubois", "Andersson", "Okafor", "Rossi", "Novak", "O'Brien", "Silva",
            "Haddad", "Ivanova", "Larsen", "Mensah", "Tanaka", "Fischer", "Moreau", "Singh", "Walsh", "Costa",
            "Kaplan", "Lindqvist", "Ortega", "Yilmaz", "Brooks");

    private static final GeneratedSpeech ENGLISH = new GeneratedSpeech(readWords());

    private final String[] words;
    /** cumulative[r]: the summed weights of ranks 0 to r; a uniform draw below the total picks a rank by them. */
    private final double[] cumulative;

    private GeneratedSpeech(String[] words) {
        this.words = words;
        this.cumulative = new double[words.length];
        double total = 0;
        for (int rank = 0; rank < words.length; rank++) {
            total += 1.0 / (rank + 1);
            cumulative[rank] = total;
        }
    }

    static GeneratedSpeech english() {
        return ENGLISH;
    }

    List<String> vocabulary() {
        return List.of(words);
    }

    /** A word of speech: usually a vocabulary word, now and then one of {@code ownTopics} or any topic. */
    String word(SplittableRandom random, List<String> ownTopics) {
        double draw = random.nextDouble();
        if (draw < OWN_TOPIC) {
            return ownTopics.get(random.nextInt(ownTopics.size()));
        }
        if (draw < OWN_TOPIC + ANY_TOPIC) {
            return TOPICS.get(random.nextInt(TOPICS.size()));
        }
        return vocabularyWord(random);
    }

    /** A vocabulary word alone, by Zipf's law. */
    String vocabularyWord(SplittableRandom random) {
        int rank = Arrays.binarySearch(cumulative, random.nextDouble() * cumulative[cumulative.length - 1]);
        return words[rank >= 0 ? rank : Math.min(-rank - 1, words.length - 1)];
    }

    /** {@code count} words of {@link Sentences}, the last ending one. */
    String sentences(SplittableRandom random, List<String> ownTopics, int count) {
        Sentences sentences = new Sentences(random, ownTopics);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(sentences.next(i == count - 1));
        }
        return text.toString();
    }

    /** A person's name, as a host or a guest has. */
    static String name(SplittableRandom random) {
        return FIRST_NAMES.get(random.nextInt(FIRST_NAMES.size())) + " " + LAST_NAMES.get(random.nextInt(LAST_NAMES.size()));
    }

    static String capitalised(String word) {
        return word.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    /**
     * Speech as a stream of words with its punctuation, sentence after sentence of 4 to 19 words; a sentence can be
     * ended early, where a speaker stops talking.
     */
    final class Sentences {

        private final SplittableRandom random;
        private final List<String> ownTopics;
        private int left;

        Sentences(SplittableRandom random, List<String> ownTopics) {
            this.random = random;
            this.ownTopics = ownTopics;
        }

        /**
         * The next word as written: capitalised if it starts a sentence, with a full stop or a question mark if it
         * ends one (as it always does when {@code end}), else now and then a comma.
         */
        String next(boolean end) {
            boolean first = left == 0;
            if (first) {
                left = 4 + random.nextInt(16);
            }
            String word = word(random, ownTopics);
            if (first) {
                word = capitalised(word);
            }
            left--;
            if (end || left == 0) {
                left = 0;
                return word + (random.nextDouble() < QUESTION ? "?" : ".");
            }
            return random.nextDouble() < COMMA ? word + "," : word;
        }
    }

    private static String[] readWords() {
        try (InputStream in = GeneratedSpeech.class.getClassLoader().getResourceAsStream(WORDS_FILE)) {
            if (in == null) {
                throw new IllegalStateException("no " + WORDS_FILE + " on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#"))
                    .flatMap(line -> Arrays.stream(line.trim().split("\\s+")))
                    .filter(word -> !word.isEmpty())
                    .toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
