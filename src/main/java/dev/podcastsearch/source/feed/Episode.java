package dev.podcastsearch.source.feed;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.podcastsearch.index.Highlight;
import dev.podcastsearch.index.MomentHit;
import dev.podcastsearch.index.MomentOnDemand;
import dev.podcastsearch.source.Hit;

/**
 * One item of a feed: what a hit shows ({@code url} already checked, {@code description} plain text already trimmed,
 * {@code details} read and checked), and {@code searched}, the plain-text description as far as it is searched.
 * What is searched goes into the index ({@link #indexed}); the details stay beside it, found again by the episode's id.
 */
record Episode(long id, String title, String url, String description, Instant published, String searched,
        Details details) {

    /** What the item says the episode is, beyond its text ({@link PodcastElements}); each null where it does not say. */
    record Details(String audioUrl, String audioType, Long durationS, String image, Long episode, Long season,
            String episodeType, String transcriptUrl, String chaptersUrl, List<Hit.Person> persons) {

        /** With the channel's artwork and persons where the item names none of its own. */
        Details inChannel(String channelImage, List<Hit.Person> channelPersons) {
            return new Details(audioUrl, audioType, durationS, image == null ? channelImage : image, episode, season,
                    episodeType, transcriptUrl, chaptersUrl, persons == null ? channelPersons : persons);
        }
    }

    Episode inChannel(String channelImage, List<Hit.Person> channelPersons) {
        return new Episode(id, title, url, description, published, searched,
                details.inChannel(channelImage, channelPersons));
    }

    /** What the index takes in. */
    dev.podcastsearch.index.Episode indexed() {
        return new dev.podcastsearch.index.Episode(id, title, url, description, published, searched);
    }

    /** The hit this episode is for {@code source}, with where the query matched. */
    Hit hit(String source, List<Highlight> highlights) {
        return hit(source, "episode", highlights, null);
    }

    /**
     * The hit a moment of this episode is for {@code source}: the episode, and the moment, with its link, worked out
     * when it is first read (an answer reads only the hits it shows).
     */
    Hit hit(String source, MomentOnDemand moment) {
        return hit(source, moment.kind().toString(), List.of(), Hit.Moment.whenRead(() -> moment(moment.found())));
    }

    private Hit.Moment moment(MomentHit moment) {
        return new Hit.Moment(moment.startS(), moment.endS(), moment.speaker(), moment.text(), moment.marks(),
                momentLink(moment.startS()));
    }

    private Hit hit(String source, String category, List<Highlight> highlights, Hit.Moment moment) {
        return new Hit(source, id, category, title, url, description,
                published == null ? null : DateTimeFormatter.ISO_INSTANT.format(published), details.audioUrl(),
                details.audioType(), details.durationS(), details.image(), details.episode(), details.season(),
                details.episodeType(), details.transcriptUrl(), details.chaptersUrl(), details.persons(), highlights,
                moment, null, null, null);
    }

    /**
     * What plays a moment: the audio from its start, as a W3C Media Fragment ({@code #t=754.5}), which browsers and
     * most players follow; without a start, or without audio, the episode's link (else the audio, else none).
     */
    private String momentLink(Double startS) {
        String audio = details.audioUrl();
        if (audio != null && startS != null) {
            int fragment = audio.indexOf('#');
            return (fragment < 0 ? audio : audio.substring(0, fragment)) + "#t="
                    + BigDecimal.valueOf(startS).stripTrailingZeros().toPlainString();
        }
        return url != null ? url : audio;
    }
}
