package dev.podcastsearch.source.moment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podcastsearch.index.Moment;
import dev.podcastsearch.index.Moment.Cue;

/** Chapters JSON (Podcasting 2.0, version 1.2.0) as its specification's example writes it, and what is not. */
class ChaptersTest {

    @Test
    void eachTitledChapterIsAMomentEndingWhereTheNextStartsUnlessItSaysOtherwise() {
        List<Moment> moments = Chapters.read(bytes("""
                {"version": "1.2.0", "chapters": [
                  {"startTime": 0, "title": "Intro"},
                  {"startTime": 168, "title": "Hearing Aids"},
                  {"startTime": 410, "title": "Namespace", "img": "https://example.com/a.jpg",
                   "url": "https://github.com/Podcastindex-org/podcast-namespace"},
                  {"startTime": 5854.5, "endTime": 6000, "title": "Spread the Word", "toc": true},
                  {"startTime": 6089}]}
                """));

        assertThat(moments).containsExactly(
                new Moment("Intro", null, List.of(new Cue(0, 0.0, 168.0))),
                new Moment("Hearing Aids", null, List.of(new Cue(0, 168.0, 410.0))),
                new Moment("Namespace", null, List.of(new Cue(0, 410.0, 5854.5))),
                new Moment("Spread the Word", null, List.of(new Cue(0, 5854.5, 6000.0))));
    }

    @Test
    void theLastChapterEndsUnknownAndAChapterWithoutAStartIsLeftOut() {
        List<Moment> moments = Chapters.read(bytes("""
                {"chapters": [{"title": "When?"}, {"startTime": -1, "title": "Before"}, {"startTime": 30,
                 "title": "  Outro\\n and   thanks "}]}"""));

        assertThat(moments).containsExactly(new Moment("Outro and thanks", null, List.of(new Cue(0, 30.0, null))));
    }

    @Test
    void aFileThatIsNotChaptersIsRefused() {
        assertThatThrownBy(() -> Chapters.read(bytes("<html/>"))).isInstanceOf(UnreadableFile.class)
                .hasMessage("chapters file is not JSON");
        assertThatThrownBy(() -> Chapters.read(bytes("{\"version\": \"1.2.0\"}"))).isInstanceOf(UnreadableFile.class)
                .hasMessage("chapters file without a chapters array");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
