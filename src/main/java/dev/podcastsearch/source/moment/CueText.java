package dev.podcastsearch.source.moment;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.parser.Parser;

/**
 * Reads the two cue formats, WebVTT (W3C) and SubRip (SRT), which are alike: blocks separated by blank lines, each
 * cue a timing line ({@code 00:01:02.500 --> 00:01:05.000}, hours optional) and its text. WebVTT starts with
 * {@code WEBVTT}, skips {@code NOTE}, {@code STYLE} and {@code REGION} blocks, and names a speaker in a voice span
 * ({@code <v Roger Bingham>}); SRT numbers its cues, writes a comma before the milliseconds, and names a speaker at the
 * start of a cue ({@code Sarah: In today's episode}, as the Podcasting 2.0 transcript guide has it), who speaks on
 * until another is named. Markup in a cue's text (WebVTT's tags, SRT's {@code <i>} or {@code {\an8}}) is dropped
 * and character references decoded. A cue whose timing line is unreadable is left out; a file without a single cue
 * is unreadable. Small, and of our own: no kept library reads either.
 */
final class CueText {

    private static final String TIME = "(?:(\\d{1,3}):)?(\\d{1,2}):(\\d{2})[.,](\\d{1,3})";
    private static final Pattern TIMING = Pattern.compile("^\\s*" + TIME + "\\s*-->\\s*" + TIME + "(?:\\s.*)?$");
    private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t]*\\n");
    private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^\\s>]*)?[ \\t]+([^>]+)>");
    private static final Pattern MARKUP = Pattern.compile("<[^>]*>|\\{\\\\[^}]*}");
    private static final Pattern SRT_SPEAKER = Pattern.compile("^([\\p{L}][\\p{L}\\p{M} .'\u2019-]{0,40}):\\s+(.*)$",
            Pattern.DOTALL);

    private CueText() {
    }

    static List<Segment> webVtt(String text) {
        String[] blocks = BLANK_LINES.split(lines(text));
        if (!blocks[0].matches("(?s)WEBVTT(?:[ \\t].*|\\n.*)?")) {
            throw new UnreadableFile("WebVTT transcript without its WEBVTT line");
        }
        List<Segment> segments = new ArrayList<>();
        for (int i = 1; i < blocks.length; i++) {
            String block = blocks[i].strip();
            if (block.isEmpty() || block.matches("(?s)(NOTE|STYLE|REGION)(?:[ \\t\\n].*)?")) {
                continue;
            }
            Cue cue = cue(block);
            if (cue != null) {
                Matcher voice = VOICE.matcher(cue.text());
                String speaker = voice.find() ? voice.group(1).strip() : null;
                segments.add(new Segment(cue.startS(), cue.endS(), speaker, plain(cue.text())));
            }
        }
        return found(segments, "WebVTT");
    }

    static List<Segment> subRip(String text) {
        List<Segment> segments = new ArrayList<>();
        String speaker = null;
        for (String block : BLANK_LINES.split(lines(text))) {
            Cue cue = cue(block.strip());
            if (cue == null) {
                continue;
            }
            String words = plain(cue.text());
            Matcher named = SRT_SPEAKER.matcher(words);
            if (named.matches()) {
                speaker = named.group(1).strip();
                words = named.group(2);
            }
            segments.add(new Segment(cue.startS(), cue.endS(), speaker, words));
        }
        return found(segments, "SRT");
    }

    /** The cue a block holds: its timing line is the first line or, after an identifier, the second. */
    private static Cue cue(String block) {
        String[] lines = block.split("\\n", -1);
        for (int line = 0; line < Math.min(2, lines.length); line++) {
            Matcher timing = TIMING.matcher(lines[line]);
            if (timing.matches()) {
                String text = String.join("\n", List.of(lines).subList(line + 1, lines.length));
                return new Cue(seconds(timing, 1), seconds(timing, 5), text);
            }
        }
        return null;
    }

    private static double seconds(Matcher timing, int group) {
        String hours = timing.group(group);
        String millis = (timing.group(group + 3) + "00").substring(0, 3);
        return (hours == null ? 0 : Integer.parseInt(hours)) * 3600 + Integer.parseInt(timing.group(group + 1)) * 60
                + Integer.parseInt(timing.group(group + 2)) + Integer.parseInt(millis) / 1000.0;
    }

    private static String plain(String cueText) {
        return Parser.unescapeEntities(MARKUP.matcher(cueText).replaceAll(""), false).replace('\n', ' ').strip();
    }

    private static String lines(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static List<Segment> found(List<Segment> segments, String format) {
        if (segments.isEmpty()) {
            throw new UnreadableFile(format + " transcript without a readable cue");
        }
        return segments;
    }

    private record Cue(double startS, double endS, String text) {
    }
}
