package dev.podcastsearch.source.feed;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.podcastsearch.source.Hit;

/**
 * One item of a feed as it is searched: what a hit shows ({@code url} already checked, {@code description} plain text
 * already trimmed, {@code details} read and checked), and the title and whole plain-text description normalised once,
 * when the feed is read ({@link FeedText#normalised}), so that a search only compares.
 */
record Episode(long id, String title, String url, String description, Instant published, String matchTitle,
        String matchDescription, Details details) {

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
        return new Episode(id, title, url, description, published, matchTitle, matchDescription,
                details.inChannel(channelImage, channelPersons));
    }

    Hit hit(String source) {
        return new Hit(source, id, "episode", title, url, description,
                published == null ? null : DateTimeFormatter.ISO_INSTANT.format(published), details.audioUrl(),
                details.audioType(), details.durationS(), details.image(), details.episode(), details.season(),
                details.episodeType(), details.transcriptUrl(), details.chaptersUrl(), details.persons());
    }
}
