package dev.podcastsearch.source.feed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.podcastsearch.source.EpisodeLink;
import dev.podcastsearch.source.Hit;

/**
 * The elements of one item, or of the channel, that say what an episode is, gathered as the parser meets them: the
 * RSS {@code enclosure}; {@code itunes:duration} ({@link FeedDuration}), {@code itunes:image}, {@code itunes:episode},
 * {@code itunes:season}, {@code itunes:episodeType}; Podcasting 2.0's {@code podcast:episode}, {@code podcast:season},
 * {@code podcast:transcript}, {@code podcast:chapters} and {@code podcast:person}. Of an element written twice the
 * first usable one counts, but for transcripts, where a timed one wins. Every link is absolute http(s)
 * ({@link EpisodeLink#absolute}) or none; a person's name and role are plain text of at most {@value #MAX_LABEL}
 * characters, else the person is left out, and at most {@value Hit#MAX_PERSONS} persons are kept.
 */
final class PodcastElements {

    static final int MAX_LABEL = 200;
    private static final Set<String> EPISODE_TYPES = Set.of("full", "trailer", "bonus");
    /** The role {@code podcast:person} has when it names none, as the namespace says. */
    private static final String DEFAULT_ROLE = "host";

    // RFC 6838's restricted names; parameters (";codecs=...") are dropped before.
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[a-z0-9][a-z0-9!#$&^_.+-]{0,126}/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}");
    /** Transcripts whose lines carry their times, which a player can follow; HTML and plain text do not. */
    private static final Set<String> TIMED_TRANSCRIPTS = Set.of("application/json", "text/vtt",
            "application/x-subrip", "application/srt");
    private static final Set<String> UNTIMED_TRANSCRIPTS = Set.of("text/html", "text/plain");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("0*[1-9][0-9]{0,14}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    // An element's namespace and local name, as read() matches them.
    private static final String RSS = " ";
    private static final String ITUNES = FeedParser.ITUNES + " ";
    private static final String PODCAST = FeedParser.PODCAST + " ";

    /** Reads the text of the element the reader is at, and leaves the reader at its end tag. */
    interface ElementText {
        String read() throws XMLStreamException;
    }

    private String audioUrl;
    private String audioType;
    private Long duration;
    private String image;
    private Long itunesEpisode;
    private Long podcastEpisode;
    private Long itunesSeason;
    private Long podcastSeason;
    private String episodeType;
    private String transcriptUrl;
    private int transcriptRank = Integer.MAX_VALUE;
    private String chaptersUrl;
    private List<Hit.Person> persons;

    /**
     * If the element the reader is at is one of these, takes it and leaves the reader at its end tag, and says so;
     * otherwise leaves the reader where it is.
     */
    boolean read(XMLStreamReader reader, ElementText text) throws XMLStreamException {
        String namespace = reader.getNamespaceURI() == null ? "" : reader.getNamespaceURI();
        switch (namespace + " " + reader.getLocalName()) {
            case RSS + "enclosure" -> enclosure(attribute(reader, "url"), attribute(reader, "type"));
            case ITUNES + "image" -> image = firstOf(image, link(attribute(reader, "href")));
            case PODCAST + "transcript" -> transcript(attribute(reader, "url"), attribute(reader, "type"));
            case PODCAST + "chapters" -> chaptersUrl = firstOf(chaptersUrl, link(attribute(reader, "url")));
            case PODCAST + "person" -> person(attribute(reader, "role"), attribute(reader, "href"), text.read());
            case ITUNES + "duration" -> duration = firstOf(duration, FeedDuration.read(text.read()));
            case ITUNES + "episode" -> itunesEpisode = firstOf(itunesEpisode, wholeNumber(text.read()));
            case PODCAST + "episode" -> podcastEpisode = firstOf(podcastEpisode, wholeNumber(text.read()));
            case ITUNES + "season" -> itunesSeason = firstOf(itunesSeason, wholeNumber(text.read()));
            case PODCAST + "season" -> podcastSeason = firstOf(podcastSeason, wholeNumber(text.read()));
            case ITUNES + "episodeType" -> episodeType = firstOf(episodeType, episodeType(text.read()));
            default -> {
                return false;
            }
        }
        if (reader.isStartElement()) {
            // Read by its attributes alone: its content, if any, is skipped.
            text.read();
        }
        return true;
    }

    /** The episode's number: {@code itunes:episode}, else {@code podcast:episode}; null unless one is a whole number. */
    Long episode() {
        return firstOf(itunesEpisode, podcastEpisode);
    }

    String image() {
        return image;
    }

    List<Hit.Person> persons() {
        return persons == null ? null : List.copyOf(persons);
    }

    Episode.Details details() {
        return new Episode.Details(audioUrl, audioType, duration, image, episode(), firstOf(itunesSeason, podcastSeason),
                episodeType, transcriptUrl, chaptersUrl, persons());
    }

    private void enclosure(String url, String type) {
        if (audioUrl == null) {
            audioUrl = link(url);
            audioType = audioUrl == null ? null : mediaType(type);
        }
    }

    private void transcript(String url, String type) {
        String link = link(url);
        if (link == null) {
            return;
        }
        String media = mediaType(type);
        int rank = TIMED_TRANSCRIPTS.contains(media) ? 0 : UNTIMED_TRANSCRIPTS.contains(media) ? 1 : 2;
        if (rank < transcriptRank) {
            transcriptUrl = link;
            transcriptRank = rank;
        }
    }

    private void person(String role, String href, String text) {
        if (persons != null && persons.size() >= Hit.MAX_PERSONS) {
            return;
        }
        String name = FeedText.plain(text);
        String shownRole = role == null ? "" : WHITESPACE.matcher(role.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.length() > MAX_LABEL || shownRole.length() > MAX_LABEL) {
            return;
        }
        if (persons == null) {
            persons = new ArrayList<>();
        }
        persons.add(new Hit.Person(name, shownRole.isEmpty() ? DEFAULT_ROLE : shownRole, link(href)));
    }

    private static String attribute(XMLStreamReader reader, String name) {
        return reader.getAttributeValue(null, name);
    }

    private static String link(String link) {
        return link == null ? null : EpisodeLink.absolute(link.strip()).orElse(null);
    }

    /** The media type without its parameters, in lower case; null unless it is one. */
    private static String mediaType(String type) {
        if (type == null) {
            return null;
        }
        int parameters = type.indexOf(';');
        String essence = (parameters < 0 ? type : type.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
        return MEDIA_TYPE.matcher(essence).matches() ? essence : null;
    }

    private static String episodeType(String text) {
        String type = text.strip().toLowerCase(Locale.ROOT);
        return EPISODE_TYPES.contains(type) ? type : null;
    }

    /** A whole number above 0, as episode and season numbers are; at most 15 digits, so any JSON reader reads it. */
    private static Long wholeNumber(String text) {
        String number = text.strip();
        return WHOLE_NUMBER.matcher(number).matches() ? Long.parseLong(number) : null;
    }

    private static <T> T firstOf(T first, T second) {
        return first != null ? first : second;
    }
}
