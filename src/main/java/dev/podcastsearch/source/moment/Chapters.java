package dev.podcastsearch.source.moment;

import java.io.IOException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.index.Moment;

/**
 * A Podcasting 2.0 chapters file (JSON, version 1.2.0 and those before it) read into {@link Moment}s: one per chapter
 * with a title and a {@code startTime}, its title as the text (cut to {@value Moment#MAX_TEXT} characters at a word),
 * ending at its {@code endTime}, else where the next chapter starts, else unknown. At most {@value #MAX_CHAPTERS}
 * chapters are kept, the first.
 */
public final class Chapters {

    static final int MAX_CHAPTERS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    private Chapters() {
    }

    public static List<Moment> read(byte[] body) {
        JsonNode chapters;
        try {
            chapters = JSON.readTree(body).path("chapters");
        } catch (IOException e) {
            throw new UnreadableFile("chapters file is not JSON");
        }
        if (!chapters.isArray()) {
            throw new UnreadableFile("chapters file without a chapters array");
        }
        List<Chapter> read = new ArrayList<>();
        for (JsonNode chapter : chapters) {
            Double start = Transcript.seconds(chapter.path("startTime"));
            JsonNode title = chapter.path("title");
            if (start != null && title.isTextual() && !title.asText().isBlank() && read.size() < MAX_CHAPTERS) {
                String text = Normalizer.normalize(title.asText().replaceAll("[\\s\\u00A0]+", " ").strip(),
                        Normalizer.Form.NFC);
                read.add(new Chapter(start, Transcript.seconds(chapter.path("endTime")),
                        Passages.pieces(text).get(0)));
            }
        }
        read.sort(Comparator.comparingDouble(Chapter::startS));
        List<Moment> moments = new ArrayList<>(read.size());
        for (int i = 0; i < read.size(); i++) {
            Chapter chapter = read.get(i);
            Double end = chapter.endS() != null ? chapter.endS() : i + 1 < read.size() ? read.get(i + 1).startS() : null;
            moments.add(new Moment(chapter.title(), null, List.of(new Moment.Cue(0, chapter.startS(), end))));
        }
        return moments;
    }

    private record Chapter(double startS, Double endS, String title) {
    }
}
