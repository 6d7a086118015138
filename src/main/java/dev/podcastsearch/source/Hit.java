package dev.podcastsearch.source;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.podcastsearch.index.Highlight;

/**
 * One search hit in the unified form every source is turned into. {@code published} is when the episode came out, as
 * an ISO-8601 date-time in UTC ({@code 2024-03-08T12:00:00Z}), or null where the source does not say (the search APIs
 * never do). The fields after it say what the episode is, to play it or show it; each is null where the source does
 * not say, and the search APIs say none of them. Every link among them is an absolute http(s) URL
 * ({@link EpisodeLink}). {@code highlights} says where the query matched, for sources searched by the function's own
 * index (feeds); it is absent where the source does not say (the search APIs). {@code moment}, on a feed's transcript
 * and chapter hits only, says where in the episode.
 * <p>
 * The last fields are the merge's ({@code search/RankFusion}): {@code alsoIn}, the other sources that list the same
 * episode, empty until the hits are merged; {@code score} and {@code ranks}, how the hit earned its place, only when
 * the search asks to explain (null otherwise, and left out of the JSON).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(name = "Hit", description = "One hit, unified", additionalProperties = Schema.False.class)
public record Hit(
        @Schema(required = true, description = "The source's id") String source,
        @Schema(required = true, description = "The episode's id at its source") long id,
        @Schema(required = true, description = "Lower case, e.g. episode or transcript") String category,
        @Schema(required = true, nullable = true) String title,
        @Schema(required = true, nullable = true, format = "uri", description = "An absolute http(s) URL, or null")
        String url,
        @Schema(required = true, nullable = true) String description,
        @Schema(required = true, nullable = true, format = "date-time", description = "UTC, or null when unknown")
        String published,
        @Schema(required = true, nullable = true, format = "uri", description = "The episode's audio, an absolute"
                + " http(s) URL. Feeds: the item's enclosure url. Search APIs: always null")
        String audioUrl,
        @Schema(required = true, nullable = true, description = "The audio's media type, e.g. audio/mpeg, in lower"
                + " case. Feeds: the enclosure's type, when the enclosure has a usable url. Search APIs: always null")
        String audioType,
        @Schema(required = true, nullable = true, minimum = "1", description = "How long the episode is, in whole"
                + " seconds. Feeds: itunes:duration (HH:MM:SS, MM:SS or seconds). Search APIs: always null")
        Long durationS,
        @Schema(required = true, nullable = true, format = "uri", description = "The episode's artwork, an absolute"
                + " http(s) URL. Feeds: the item's itunes:image, else the channel's. Search APIs: always null")
        String image,
        @Schema(required = true, nullable = true, minimum = "1", description = "The episode's number. Feeds:"
                + " itunes:episode, else podcast:episode, when a whole number. Search APIs: always null")
        Long episode,
        @Schema(required = true, nullable = true, minimum = "1", description = "The season's number. Feeds:"
                + " itunes:season, else podcast:season, when a whole number. Search APIs: always null")
        Long season,
        @Schema(required = true, nullable = true, description = "full, trailer or bonus, else null. Feeds:"
                + " itunes:episodeType. Search APIs: always null")
        String episodeType,
        @Schema(required = true, nullable = true, format = "uri", description = "The episode's transcript, an"
                + " absolute http(s) URL; a timed one (JSON, WebVTT, SRT) before HTML or plain text. Feeds:"
                + " podcast:transcript. Search APIs: always null")
        String transcriptUrl,
        @Schema(required = true, nullable = true, format = "uri", description = "The episode's chapters (JSON), an"
                + " absolute http(s) URL. Feeds: podcast:chapters. Search APIs: always null")
        String chaptersUrl,
        @Schema(required = true, nullable = true, maxItems = Hit.MAX_PERSONS, description = "Who is in the episode."
                + " Feeds: the item's podcast:person elements, else the channel's. Search APIs: always null")
        List<Person> persons,
        @Schema(description = "Where the query matched, title first; absent where the source does not say, empty on a"
                + " moment's hit (the moment has its own)")
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Highlight> highlights,
        @Schema(description = "Where in the episode the query matched: on transcript and chapter hits from a feed;"
                + " absent on every other hit")
        @JsonInclude(JsonInclude.Include.NON_NULL) Moment moment,
        @Schema(required = true, description = "The other sources that list the same episode (the same audio_url, or"
                + " the same url once normalised), by id, in id order; empty when no other does. Any kind of source")
        List<String> alsoIn,
        @Schema(description = "With explain=true only: the fused score, the sum over the sources listing the episode"
                + " of their weight / (60 + its rank there). Any kind of source")
        @JsonInclude(JsonInclude.Include.NON_NULL) Double score,
        @Schema(description = "With explain=true only: the episode's rank (from 1) at each source that lists it, by"
                + " source id. Any kind of source", additionalProperties = Integer.class)
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Integer> ranks) {

    /** The most persons a hit lists: a feed may name any number, and a hit is not the place for a crowd. */
    public static final int MAX_PERSONS = 20;

    public Hit {
        alsoIn = alsoIn == null ? List.of() : alsoIn;
    }

    /** A hit that says only what every source can say: what a search API's hit is. */
    public Hit(String source, long id, String category, String title, String url, String description,
            String published) {
        this(source, id, category, title, url, description, published, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    /** This hit as the merge answers it: with the other sources listing it, and, to explain, its score and ranks. */
    public Hit merged(List<String> otherSources, Double fusedScore, Map<String, Integer> fusedRanks) {
        return new Hit(source, id, category, title, url, description, published, audioUrl, audioType, durationS, image,
                episode, season, episodeType, transcriptUrl, chaptersUrl, persons, highlights, moment, otherSources,
                fusedScore, fusedRanks);
    }

    /**
     * A moment of an episode: a passage of its transcript or one of its chapters, when it is said (seconds from the
     * episode's start, each null where the file does not say: HTML and plain-text transcripts), who says it, its text
     * with where the query matched, and a link that plays it from there.
     * <p>
     * A value, as a record is, but one a source may leave to be worked out when it is first read ({@link #whenRead}):
     * a feed finds up to a hundred moments, and an answer shows the few in its window. So the fields are filled under
     * the lock when first read, and JSON reads them through the accessors, never directly.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Moment", description = "Where in an episode the query matched, and when",
            additionalProperties = Schema.False.class)
    public static final class Moment {

        @Schema(required = true, nullable = true, minimum = "0", description = "When it starts, in seconds from"
                + " the episode's start (decimal); null when the transcript has no times")
        private Double startS;
        @Schema(required = true, nullable = true, minimum = "0", description = "When it ends, in seconds; null"
                + " when unknown")
        private Double endS;
        @Schema(required = true, nullable = true, description = "Who says it, when the transcript names them")
        private String speaker;
        @Schema(required = true, maxLength = 300, description = "The transcript's passage or the chapter's title,"
                + " plain text, at most 300 characters around the match")
        private String text;
        @Schema(required = true, description = "[start, end) offsets into text in UTF-16 code units, in order, not"
                + " overlapping, as a highlight's marks")
        private List<List<Integer>> highlights;
        @Schema(required = true, nullable = true, format = "uri", description = "What plays it: the episode's"
                + " audio with a W3C Media Fragment #t=<start_s>; without a start or without audio, the episode's"
                + " url (else the audio)")
        private String url;
        /** What works the moment out until it is first read, then null. Guarded by {@code this}, as the fields are. */
        @JsonIgnore
        @Schema(hidden = true)
        private Supplier<Moment> finding;

        public Moment(Double startS, Double endS, String speaker, String text, List<List<Integer>> highlights,
                String url) {
            this.startS = startS;
            this.endS = endS;
            this.speaker = speaker;
            this.text = text;
            this.highlights = highlights;
            this.url = url;
        }

        private Moment(Supplier<Moment> finding) {
            this.finding = finding;
        }

        /** The moment {@code finding} gives, asked for the first time the moment is read, and only then. */
        public static Moment whenRead(Supplier<Moment> finding) {
            return new Moment(finding);
        }

        @JsonProperty
        public Double startS() {
            return found().startS;
        }

        @JsonProperty
        public Double endS() {
            return found().endS;
        }

        @JsonProperty
        public String speaker() {
            return found().speaker;
        }

        @JsonProperty
        public String text() {
            return found().text;
        }

        @JsonProperty
        public List<List<Integer>> highlights() {
            return found().highlights;
        }

        @JsonProperty
        public String url() {
            return found().url;
        }

        private synchronized Moment found() {
            if (finding != null) {
                Moment found = finding.get();
                startS = found.startS;
                endS = found.endS;
                speaker = found.speaker;
                text = found.text;
                highlights = found.highlights;
                url = found.url;
                finding = null;
            }
            return this;
        }

        @Override
        public boolean equals(Object other) {
            return other == this || other instanceof Moment moment && values().equals(moment.values());
        }

        @Override
        public int hashCode() {
            return values().hashCode();
        }

        @Override
        public String toString() {
            return "Moment" + values();
        }

        private List<Object> values() {
            return Arrays.asList(startS(), endS(), speaker(), text(), highlights(), url());
        }
    }

    /** Someone in an episode, as a feed's {@code podcast:person} names them. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "Person", description = "Someone in an episode", additionalProperties = Schema.False.class)
    public record Person(
            @Schema(required = true, description = "As the feed writes it, plain text") String name,
            @Schema(required = true, description = "Lower case, e.g. host or guest; host when the feed does not say")
            String role,
            @Schema(required = true, nullable = true, format = "uri", description = "Their page, an absolute http(s)"
                    + " URL, or null")
            String link) {
    }
}
