package dev.podcastsearch.source.feed;

import java.io.Reader;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.podcastsearch.source.EpisodeLink;
import dev.podcastsearch.source.Hit;
import dev.podcastsearch.source.SourceFailure;

/**
 * Reads an RSS 2.0 podcast feed, with the iTunes and Podcasting 2.0 elements podcast feeds carry, into the
 * {@link Episode}s a search compares against. The JDK's StAX reader, one pass, nothing kept but what is searched:
 * <ul>
 * <li>The bytes are decoded as browsers and podcast apps decode them ({@link FeedCharset}), and whitespace before the
 * XML declaration is skipped.</li>
 * <li>No DTD is read and no entity is expanded: a feed with a {@code DOCTYPE} is refused outright, so an external
 * entity (XXE) or an entity bomb never gets as far as the reader resolving it.</li>
 * <li>Bounded: the body is at most {@code search.feeds.max-size} (cut off while it is read), elements nest at most
 * {@value #MAX_DEPTH} deep, at most {@value #MAX_EPISODES} items are kept and each text at most
 * {@value #MAX_TEXT} characters, so the time and memory a parse takes grow with the body and no further.</li>
 * <li>A document the reader refuses is read a second time, by the same reader with the same bounds, through
 * {@link FeedRepair} (HTML entities, lone ampersands, characters XML forbids); one that ends before its root element
 * closes is refused as cut off.</li>
 * </ul>
 * Per item: {@code title}; {@code link} (absolute http(s), or a path resolved against the channel's {@code link},
 * else none); the description from {@code description}, else {@code content:encoded}, else {@code itunes:summary};
 * {@code pubDate} ({@link FeedDate}; unreadable is none); the id from {@code itunes:episode}, else
 * {@code podcast:episode} (a whole number above 0), else {@link #idOf derived from the guid}; and what
 * {@link PodcastElements} reads (audio, duration, artwork, numbers, type, transcript, chapters, persons), with the
 * channel's {@code itunes:image} and {@code podcast:person}s for an item that names none of its own, wherever in the
 * channel they stand. An item without a title is skipped.
 */
final class FeedParser {

    static final int MAX_EPISODES = 5_000;
    static final int MAX_DEPTH = 32;
    static final int MAX_TEXT = 64 * 1024;
    static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    static final String PODCAST = "https://podcastindex.org/namespace/1.0";
    static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    static final String CUT_OFF = "feed is cut off: it ends before its last element is closed";

    private static final XMLInputFactory FACTORY = factory();

    private FeedParser() {
    }

    private static XMLInputFactory factory() {
        // The JDK's own reader, whatever else is on the class path.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    /**
     * The feed's episodes in feed order; a body that is not an RSS feed fails the source. A body the XML reader
     * refuses is read once more through {@link FeedRepair}, unless it is cut off: then it fails, so that part of a feed
     * is never taken for all of it.
     */
    static List<Episode> parse(String sourceId, byte[] body) {
        // Podcast apps read a feed with whitespace before its XML declaration; an XML reader refuses it.
        String text = stripLeadingWhitespace(FeedCharset.decode(body));
        try {
            return read(sourceId, new StringReader(text));
        } catch (XMLStreamException notWellFormed) {
            if (offset(notWellFormed) >= text.length()) {
                throw new SourceFailure(sourceId, CUT_OFF);
            }
        }
        FeedRepair repaired = new FeedRepair(text);
        try {
            return read(sourceId, repaired);
        } catch (XMLStreamException notWellFormed) {
            // Never the reader's message: it may quote the feed, or name a file an entity pointed at.
            throw new SourceFailure(sourceId, offset(notWellFormed) >= 0 && repaired.endsBy(offset(notWellFormed))
                    ? CUT_OFF : "feed is not well-formed XML");
        }
    }

    private static List<Episode> read(String sourceId, Reader text) throws XMLStreamException {
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(text);
            try {
                return episodes(sourceId, reader);
            } finally {
                reader.close();
            }
        } catch (SourceFailure refused) {
            throw refused;
        } catch (RuntimeException broken) {
            // The JDK's reader throws unchecked exceptions too, on some broken documents.
            throw new XMLStreamException(broken);
        }
    }

    /**
     * Where in its text the reader stopped, or -1. At or past the end of the text when the text ends before its root
     * element closes: the document is cut off.
     */
    private static long offset(XMLStreamException failure) {
        return failure.getLocation() == null ? -1 : failure.getLocation().getCharacterOffset();
    }

    private static String stripLeadingWhitespace(String text) {
        int start = 0;
        while (start < text.length() && " \t\r\n".indexOf(text.charAt(start)) >= 0) {
            start++;
        }
        return text.substring(start);
    }

    private static List<Episode> episodes(String sourceId, XMLStreamReader reader) throws XMLStreamException {
        List<Episode> episodes = new ArrayList<>();
        boolean rss = false;
        URI site = null;
        PodcastElements channel = new PodcastElements();
        int depth = 0;
        while (reader.hasNext()) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new SourceFailure(sourceId, "feed declares a DTD or entities, which are not read");
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            depth++;
            if (depth == 1) {
                rss = reader.getLocalName().equals("rss");
                if (!rss) {
                    throw new SourceFailure(sourceId, "feed is not RSS");
                }
            } else if (depth == 3 && reader.getLocalName().equals("link") && noNamespace(reader)) {
                site = site(text(sourceId, reader));
                depth--;
            } else if (depth == 3 && reader.getLocalName().equals("item") && noNamespace(reader)) {
                Episode episode = item(sourceId, reader, site);
                depth--;
                if (episode != null && episodes.size() < MAX_EPISODES) {
                    episodes.add(episode);
                }
            } else if (depth == 3 && channel.read(reader, () -> text(sourceId, reader))) {
                depth--;
            } else if (depth > MAX_DEPTH) {
                throw new SourceFailure(sourceId, "feed nests elements deeper than " + MAX_DEPTH);
            }
        }
        if (!rss) {
            throw new SourceFailure(sourceId, "feed is not RSS");
        }
        // After the items: a channel may name its artwork and persons after its first item.
        String channelImage = channel.image();
        List<Hit.Person> channelPersons = channel.persons();
        if (channelImage != null || channelPersons != null) {
            episodes.replaceAll(episode -> episode.inChannel(channelImage, channelPersons));
        }
        return episodes;
    }

    /** Reads one item up to its end tag. */
    private static Episode item(String sourceId, XMLStreamReader reader, URI site) throws XMLStreamException {
        String title = null;
        String link = null;
        String description = null;
        String encoded = null;
        String summary = null;
        String guid = null;
        String pubDate = null;
        PodcastElements elements = new PodcastElements();
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new SourceFailure(sourceId, "feed declares a DTD or entities, which are not read");
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
                continue;
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (elements.read(reader, () -> text(sourceId, reader))) {
                continue;
            }
            String namespace = reader.getNamespaceURI();
            String name = reader.getLocalName();
            String text = text(sourceId, reader);
            if (namespace == null || namespace.isEmpty()) {
                switch (name) {
                    case "title" -> title = text;
                    case "link" -> link = text;
                    case "description" -> description = text;
                    case "guid" -> guid = text;
                    case "pubDate" -> pubDate = text;
                    default -> {
                    }
                }
            } else if (namespace.equals(ITUNES) && name.equals("summary")) {
                summary = text;
            } else if (namespace.equals(CONTENT) && name.equals("encoded")) {
                encoded = text;
            }
        }
        String shownTitle = FeedText.plain(title);
        if (shownTitle.isEmpty()) {
            return null;
        }
        String plain = FeedText.plain(firstOf(description, encoded, summary));
        String searched = plain.length() > FeedText.SEARCHED_LENGTH ? plain.substring(0, FeedText.SEARCHED_LENGTH) : plain;
        Long number = elements.episode();
        return new Episode(number != null ? number : idOf(firstOf(guid, link, shownTitle).strip()), shownTitle,
                link(link, site),
                plain.isEmpty() ? null : FeedText.trimmed(plain), FeedDate.read(pubDate), searched,
                elements.details());
    }

    /**
     * The text of the element the reader is at, children's text included (a description may hold unescaped XHTML),
     * at most {@value #MAX_TEXT} characters; leaves the reader at its end tag.
     */
    private static String text(String sourceId, XMLStreamReader reader) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        int depth = 1;
        while (depth > 0) {
            int event = reader.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++depth > MAX_DEPTH) {
                        throw new SourceFailure(sourceId, "feed nests elements deeper than " + MAX_DEPTH);
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> depth--;
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (text.length() < MAX_TEXT) {
                        text.append(reader.getTextCharacters(), reader.getTextStart(),
                                Math.min(reader.getTextLength(), MAX_TEXT - text.length()));
                    }
                }
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new SourceFailure(sourceId, "feed declares a DTD or entities, which are not read");
                default -> {
                }
            }
        }
        return text.toString();
    }

    /** The channel's link, the podcast's site, if it is an absolute http(s) URL. */
    private static URI site(String link) {
        return EpisodeLink.absolute(link.strip()).map(URI::create).orElse(null);
    }

    /**
     * An item's link: absolute http(s), or a path on the podcast's site ({@code /episodes/3}) resolved against the
     * channel's link; anything else ({@code www.example.com/3} included, whose scheme would be a guess) is none.
     */
    private static String link(String link, URI site) {
        if (link == null) {
            return null;
        }
        String stripped = link.strip();
        return (site == null ? EpisodeLink.absolute(stripped) : EpisodeLink.resolve(stripped, site)).orElse(null);
    }

    private static boolean noNamespace(XMLStreamReader reader) {
        return reader.getNamespaceURI() == null || reader.getNamespaceURI().isEmpty();
    }

    private static String firstOf(String... texts) {
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                return text;
            }
        }
        return null;
    }

    /**
     * An episode's id when the feed gives it no number: the first 53 bits of the SHA-256 of its guid (else its link,
     * else its title) in UTF-8, so the same item keeps the same id across fetches and instances, every JSON reader
     * reads it exactly (below 2^53), and it is above 0.
     */
    static long idOf(String guid) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(guid.getBytes(StandardCharsets.UTF_8));
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (digest[i] & 0xFF);
            }
            long id = bits >>> 11;
            return id == 0 ? 1 : id;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
