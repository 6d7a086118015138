package dev.podcastsearch.source.moment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podcastsearch.index.Moment;
import dev.podcastsearch.index.Moment.Cue;
import dev.podcastsearch.support.upstream.SampleFeed;

/**
 * Each transcript format read as its specification's own examples write it (the W3C's WebVTT, the Podcasting 2.0
 * transcript guide's JSON, SRT and HTML), and what is not one: unreadable files are refused with a reason.
 */
class TranscriptFormatsTest {

    @Test
    void webVttCuesWithVoiceSpansNameTheirSpeaker() {
        List<Segment> segments = Transcript.segments("""
                WEBVTT

                00:11.000 --> 00:13.000
                <v Roger Bingham>We are in New York City

                00:13.000 --> 00:16.000
                <v Roger Bingham>We're actually at the Lucern Hotel, just down the street
                """);

        assertThat(segments).containsExactly(
                new Segment(11.0, 13.0, "Roger Bingham", "We are in New York City"),
                new Segment(13.0, 16.0, "Roger Bingham", "We're actually at the Lucern Hotel, just down the street"));
    }

    @Test
    void webVttSkipsNotesStylesAndIdentifiersAndDropsMarkupAndSettings() {
        List<Segment> segments = Transcript.segments("\uFEFFWEBVTT - Some title\r\nKind: captions\r\n\r\n"
                + "NOTE This is a comment\r\n\r\n"
                + "STYLE\r\n::cue { color: red }\r\n\r\n"
                + "intro\r\n01:02:03.500 --> 01:02:05.000 position:10%,line-left align:left size:35%\r\n"
                + "<c.loud>Hello</c> <i>there</i> &amp; &lt;welcome&gt;\r\nsecond line\r\n");

        assertThat(segments).containsExactly(new Segment(3723.5, 3725.0, null,
                "Hello there & <welcome> second line"));
    }

    @Test
    void theSampleWebVttIsRead() {
        List<Segment> segments = Transcript.segments(Transcript.text(SampleFeed.file("2/transcript.vtt")));

        assertThat(segments).extracting(Segment::speaker).containsExactly("Christopher Bailey", "Jon Fincher",
                "Jon Fincher");
        assertThat(segments.get(1).startS()).isEqualTo(195.0);
    }

    @Test
    void srtCardsNameTheirSpeakerWhoSpeaksOnUntilAnotherIsNamed() {
        List<Segment> segments = Transcript.segments("""
                1
                00:00:00,000 --> 00:00:02,760
                Sarah: In today's episode,
                you'll learn whether or not you

                2
                00:00:02,760 --> 00:00:06,090
                should have a podcast trailer.
                And if so, what should you

                6
                00:00:19,080 --> 00:00:21,450
                Gillian: Hi Buzzsprout, Gillian
                here from breaking through
                """);

        assertThat(segments).containsExactly(
                new Segment(0.0, 2.76, "Sarah", "In today's episode, you'll learn whether or not you"),
                new Segment(2.76, 6.09, "Sarah", "should have a podcast trailer. And if so, what should you"),
                new Segment(19.08, 21.45, "Gillian", "Hi Buzzsprout, Gillian here from breaking through"));
    }

    @Test
    void srtWithoutSpeakersHasNoneAndItsMarkupIsDropped() {
        List<Segment> segments = Transcript.segments("1\n00:02:16,612 --> 00:02:19,376\nSenator, we're making\n"
                + "our final approach into <i>Coruscant</i>.\n\n2\n00:02:19,482 --> 00:02:21,609\n{\\an8}Very good,"
                + " Lieutenant.\n");

        assertThat(segments).containsExactly(
                new Segment(136.612, 139.376, null, "Senator, we're making our final approach into Coruscant."),
                new Segment(139.482, 141.609, null, "Very good, Lieutenant."));
    }

    @Test
    void jsonSegmentsAreReadAndOneWordSegmentsJoinIntoAPassage() {
        List<Moment> moments = Transcript.read("""
                {"version": "1.0.0", "segments": [
                  {"speaker": "Darth Vader", "startTime": 0.5, "endTime": 0.75, "body": "I"},
                  {"speaker": "Darth Vader", "startTime": 1, "endTime": 1.25, "body": "am"},
                  {"speaker": "Darth Vader", "startTime": 1.5, "endTime": 2.0, "body": "your"},
                  {"speaker": "Darth Vader", "startTime": 2.25, "endTime": 2.50, "body": "father.\\n"},
                  {"speaker": "Luke", "startTime": 2.75, "endTime": 3.0, "body": "Nooooo"}]}
                """.getBytes(StandardCharsets.UTF_8));

        assertThat(moments).containsExactly(
                new Moment("I am your father.", "Darth Vader", List.of(new Cue(0, 0.5, 0.75), new Cue(2, 1.0, 1.25),
                        new Cue(5, 1.5, 2.0), new Cue(10, 2.25, 2.5))),
                new Moment("Nooooo", "Luke", List.of(new Cue(0, 2.75, 3.0))));
    }

    @Test
    void htmlInTheGuidesFormGivesSpeakersAndStartTimes() {
        List<Segment> segments = Transcript.segments("""
                <cite>Kevin:</cite>
                <time>0:00</time>
                <p>We have an update planned where we would like to give the ability to upload an artwork file</p>
                <cite>Alban :</cite>
                <time>0:09</time>
                <p>You're triggering Tom right now with a hey, here's a cool feature.</p>
                """);

        assertThat(segments).containsExactly(
                new Segment(0.0, null, "Kevin", "We have an update planned where we would like to give the ability to"
                        + " upload an artwork file"),
                new Segment(9.0, null, "Alban", "You're triggering Tom right now with a hey, here's a cool feature."));
    }

    @Test
    void otherHtmlIsItsTextWithoutTimesAndWithoutScripts() {
        List<Moment> moments = Transcript.read(("<!DOCTYPE html><html><body><h1>Episode 4</h1><div>We talked about"
                + " <b>caf&eacute;</b> culture.</div><script>alert(1)</script></body></html>")
                .getBytes(StandardCharsets.UTF_8));

        assertThat(moments).containsExactly(new Moment("Episode 4 We talked about café culture.", null,
                List.of(new Cue(0, null, null))));
    }

    @Test
    void plainTextIsCutIntoPassagesAtSentencesWithoutTimes() {
        String sentence = "This sentence is about forty characters. ";
        List<Moment> moments = Transcript.read(sentence.repeat(20).getBytes(StandardCharsets.UTF_8));

        assertThat(moments).hasSizeGreaterThan(2)
                .allSatisfy(moment -> {
                    assertThat(moment.text().length()).isLessThanOrEqualTo(Moment.MAX_TEXT);
                    assertThat(moment.text()).startsWith("This sentence").endsWith("characters.");
                    assertThat(moment.cues()).allSatisfy(cue -> assertThat(cue.startS()).isNull());
                });
    }

    @Test
    void aLongTranscriptIsKeptToItsBound() {
        String words = "word ".repeat(Passages.MAX_CHARACTERS);
        List<Moment> moments = Transcript.read(words.getBytes(StandardCharsets.UTF_8));

        assertThat(moments.stream().mapToInt(moment -> moment.text().length()).sum())
                .isLessThanOrEqualTo(Passages.MAX_CHARACTERS + moments.size());
        assertThat(moments).allSatisfy(moment -> assertThat(moment.text().length()).isLessThanOrEqualTo(300));
    }

    @Test
    void unreadableFilesAreRefusedWithAReason() {
        assertThatThrownBy(() -> Transcript.read("{\"segments\": [".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableFile.class).hasMessage("JSON transcript is not JSON");
        assertThatThrownBy(() -> Transcript.read("{\"version\": \"1.0.0\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableFile.class).hasMessage("JSON transcript without a segments array");
        assertThatThrownBy(() -> Transcript.read("WEBVTT\n\nnot a cue\n".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadableFile.class).hasMessage("WebVTT transcript without a readable cue");
        assertThatThrownBy(() -> CueText.webVtt("WEBVTTX\n\n00:01.000 --> 00:02.000\nhi\n"))
                .isInstanceOf(UnreadableFile.class).hasMessage("WebVTT transcript without its WEBVTT line");
        assertThatThrownBy(() -> CueText.subRip("1\n00:00 --> 00:01\nno milliseconds\n"))
                .isInstanceOf(UnreadableFile.class).hasMessage("SRT transcript without a readable cue");
    }
}
