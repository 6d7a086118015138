package dev.podcastsearch.source.moment;

import java.text.BreakIterator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

import dev.podcastsearch.index.Moment;

/**
 * A transcript's segments as the index keeps them: passages of at most {@value Moment#MAX_TEXT} characters, each one
 * speaker's. Consecutive segments of one speaker are joined while they fit, so that a phrase said across two cues (or
 * across the one-word segments some JSON transcripts have) is found, and each keeps its place and times as a cue of
 * the passage; a segment too long for one passage is cut at sentences, then at words. Text is made plain (whitespace
 * runs made one space, Unicode's composed form, as the query is). At most {@value #MAX_CHARACTERS} characters of a
 * transcript are kept, from its start: about two hours of speech.
 */
final class Passages {

    static final int MAX_CHARACTERS = 100_000;
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\u00A0]+");

    private final List<Moment> moments = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private final List<Moment.Cue> cues = new ArrayList<>();
    private String speaker;
    private int kept;

    private Passages() {
    }

    static List<Moment> of(List<Segment> segments) {
        Passages passages = new Passages();
        for (Segment segment : segments) {
            String text = Normalizer.normalize(WHITESPACE.matcher(segment.text()).replaceAll(" ").strip(),
                    Normalizer.Form.NFC);
            for (String piece : pieces(text)) {
                if (passages.kept + piece.length() > MAX_CHARACTERS) {
                    return passages.done();
                }
                passages.add(segment, piece);
            }
        }
        return passages.done();
    }

    private void add(Segment segment, String piece) {
        boolean fits = text.length() + 1 + piece.length() <= Moment.MAX_TEXT;
        if (text.length() > 0 && (!fits || !Objects.equals(speaker, segment.speaker()))) {
            flush();
        }
        if (text.length() > 0) {
            text.append(' ');
        }
        speaker = segment.speaker();
        cues.add(new Moment.Cue(text.length(), segment.startS(), segment.endS()));
        text.append(piece);
        kept += piece.length();
    }

    private void flush() {
        moments.add(new Moment(text.toString(), speaker, List.copyOf(cues)));
        text.setLength(0);
        cues.clear();
    }

    private List<Moment> done() {
        if (text.length() > 0) {
            flush();
        }
        return List.copyOf(moments);
    }

    /** The text in pieces that each fit a passage: whole when it does, else sentences, else words, else cut. */
    static List<String> pieces(String text) {
        if (text.isEmpty()) {
            return List.of();
        }
        if (text.length() <= Moment.MAX_TEXT) {
            return List.of(text);
        }
        List<String> pieces = new ArrayList<>();
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text);
        int start = sentences.first();
        StringBuilder piece = new StringBuilder();
        for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
            String sentence = text.substring(start, end).strip();
            if (piece.length() > 0 && piece.length() + 1 + sentence.length() > Moment.MAX_TEXT) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
            if (sentence.length() > Moment.MAX_TEXT) {
                pieces.addAll(words(sentence));
            } else if (!sentence.isEmpty()) {
                piece.append(piece.length() > 0 ? " " : "").append(sentence);
            }
        }
        if (piece.length() > 0) {
            pieces.add(piece.toString());
        }
        return pieces;
    }

    /** A sentence too long for one passage, cut at spaces; a run without one is cut where it must be. */
    private static List<String> words(String sentence) {
        List<String> pieces = new ArrayList<>();
        String rest = sentence;
        while (rest.length() > Moment.MAX_TEXT) {
            int cut = rest.lastIndexOf(' ', Moment.MAX_TEXT);
            if (cut <= 0) {
                cut = Character.isHighSurrogate(rest.charAt(Moment.MAX_TEXT - 1)) ? Moment.MAX_TEXT - 1
                        : Moment.MAX_TEXT;
            }
            pieces.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }
}
