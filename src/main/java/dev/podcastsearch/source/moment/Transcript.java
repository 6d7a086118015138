package dev.podcastsearch.source.moment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.index.Moment;

/**
 * A transcript file read into {@link Moment}s. Its format is told by what it starts with, not by the type the feed
 * declared, which hosts get wrong: a JSON object is Podcasting 2.0's JSON ({@code segments} of {@code startTime},
 * {@code endTime}, {@code speaker}, {@code body}); {@code WEBVTT} is WebVTT and a numbered cue is SRT
 * ({@link CueText}); markup is HTML, read with jsoup (the guide's {@code <cite>} speaker, {@code <time>} start and
 * {@code <p>} text where it uses them, else the page's text); anything else is plain text. UTF-8, as the three timed
 * formats require.
 */
public final class Transcript {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SRT_START = Pattern.compile("\\A\\d+[ \\t]*\\r?\\n[^\\n]*-->");
    private static final Pattern CLOCK = Pattern.compile("(?:(\\d{1,3}):)?(\\d{1,2}):(\\d{2})(?:[.,]\\d+)?");

    private Transcript() {
    }

    /** The file's moments, at most {@link Passages#MAX_CHARACTERS} characters of its text. */
    public static List<Moment> read(byte[] body) {
        return Passages.of(segments(text(body)));
    }

    static List<Segment> segments(String text) {
        // A byte order mark may start any of them.
        String start = (text.startsWith("\uFEFF") ? text.substring(1) : text).stripLeading();
        if (start.startsWith("{")) {
            return json(start);
        }
        if (start.startsWith("WEBVTT")) {
            return CueText.webVtt(start);
        }
        if (SRT_START.matcher(start).find()) {
            return CueText.subRip(start);
        }
        if (start.startsWith("<")) {
            return html(start);
        }
        return List.of(new Segment(null, null, null, start));
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static List<Segment> json(String text) {
        JsonNode segments;
        try {
            segments = JSON.readTree(text).path("segments");
        } catch (JsonProcessingException e) {
            throw new UnreadableFile("JSON transcript is not JSON");
        }
        if (!segments.isArray()) {
            throw new UnreadableFile("JSON transcript without a segments array");
        }
        List<Segment> read = new ArrayList<>(segments.size());
        for (JsonNode segment : segments) {
            JsonNode body = segment.path("body");
            if (body.isTextual()) {
                read.add(new Segment(seconds(segment.path("startTime")), seconds(segment.path("endTime")),
                        text(segment.path("speaker")), body.asText()));
            }
        }
        return read;
    }

    /** A time the file gives as a number of seconds; null when it gives none, or none that is a time. */
    static Double seconds(JsonNode value) {
        if (!value.isNumber() && !(value.isTextual() && value.asText().strip().matches("\\d{1,7}(\\.\\d+)?"))) {
            return null;
        }
        double seconds = value.isNumber() ? value.asDouble() : Double.parseDouble(value.asText().strip());
        return Double.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) / 1000.0 : null;
    }

    private static String text(JsonNode value) {
        return value.isTextual() && !value.asText().isBlank() ? value.asText().strip() : null;
    }

    private static List<Segment> html(String text) {
        Document page = Jsoup.parse(text);
        List<Segment> read = new ArrayList<>();
        String speaker = null;
        Double start = null;
        for (Element element : page.select("cite, time, p")) {
            switch (element.normalName()) {
                case "cite" -> speaker = element.text().replaceFirst("\\s*:\\s*$", "").strip();
                case "time" -> start = clock(element.text());
                default -> read.add(new Segment(start, null, speaker == null || speaker.isEmpty() ? null : speaker,
                        element.text()));
            }
        }
        return read.isEmpty() ? List.of(new Segment(null, null, null, page.body().text())) : read;
    }

    /** {@code 1:02:03} or {@code 2:03} as seconds; null for anything else. */
    private static Double clock(String text) {
        Matcher clock = CLOCK.matcher(text.strip());
        if (!clock.matches()) {
            return null;
        }
        return (clock.group(1) == null ? 0.0 : Integer.parseInt(clock.group(1)) * 3600.0)
                + Integer.parseInt(clock.group(2)) * 60 + Integer.parseInt(clock.group(3));
    }
}
