package dev.podcastsearch.subscribe;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import dev.podcastsearch.search.SearchResponse;
import dev.podcastsearch.source.Hit;

/**
 * Writes a search's answer as an RSS 2.0 podcast feed with the iTunes namespace, through the JDK's StAX writer, which
 * escapes every text and attribute it is given; characters XML 1.0 cannot hold at all (a noncharacter such as U+FFFF
 * in the query, say) are left out first, so the feed is well-formed whatever the sources and the caller sent. Titles
 * are plain text, as the hits carry them. A {@code description} is read as HTML by podcast apps (RSS 2.0 allows
 * entity-encoded HTML there, and Apple rich text), so the plain text is HTML-escaped first: {@code <b>} in a
 * description is shown as those three characters, and no source's markup, nor the caller's, ever becomes the feed's.
 * <p>
 * The channel says only what the function knows: the search's title, the page of the same search and which shows
 * were searched. Apple's other required channel elements ({@code language}, {@code itunes:image},
 * {@code itunes:category}, {@code itunes:explicit}) would be claims about shows it does not know (src/site/markdown/api.md).
 */
final class SearchFeedWriter {

    static final String ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    /** RFC 822 dates with four-digit years, as RSS 2.0 and HTTP write them: {@code Fri, 26 Jun 2020 12:00:00 GMT}. */
    static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME;
    /**
     * The size of the audio is unknown (a hit does not carry it); RSS 2.0 and Apple require the attribute, and the RSS
     * Advisory Board's best practice for a size that cannot be known is 0.
     */
    static final String UNKNOWN_LENGTH = "0";

    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private SearchFeedWriter() {
    }

    /** The feed of {@code answer} with {@code items}, in their order; {@code page} is the same search on the page. */
    static byte[] write(SearchResponse answer, List<Hit> items, String page) {
        Map<String, String> shows = answer.sources().stream()
                .collect(Collectors.toMap(SearchResponse.SourceSummary::id, SearchResponse.SourceSummary::name));
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + 1024 * items.size());
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("rss");
            xml.writeAttribute("version", "2.0");
            xml.writeNamespace("itunes", ITUNES);
            xml.writeStartElement("channel");
            element(xml, "title", "Podcast search: " + answer.query());
            element(xml, "link", page);
            element(xml, "description", html("Episodes that match \u201c" + answer.query() + "\u201d in " + answer
                    .sources().stream().map(SearchResponse.SourceSummary::name).collect(Collectors.joining(", ")) + "."));
            for (Hit hit : items) {
                item(xml, hit, shows.get(hit.source()));
            }
            xml.writeEndElement();
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the JDK's XML writer failed writing to memory", e);
        }
        return out.toByteArray();
    }

    private static void item(XMLStreamWriter xml, Hit hit, String show) throws XMLStreamException {
        xml.writeStartElement("item");
        element(xml, "title", hit.title());
        element(xml, "link", hit.url());
        element(xml, "description", html(hit.description()));
        // An id at its source is stable across fetches and instances (a feed's is its episode number or its guid's
        // hash); with the source's id it is unique in the feed.
        xml.writeStartElement("guid");
        xml.writeAttribute("isPermaLink", "false");
        xml.writeCharacters(hit.source() + ":" + hit.id());
        xml.writeEndElement();
        if (hit.published() != null) {
            element(xml, "pubDate", RFC_822.format(Instant.parse(hit.published()).atOffset(ZoneOffset.UTC)));
        }
        xml.writeEmptyElement("enclosure");
        xml.writeAttribute("url", plain(hit.audioUrl()));
        xml.writeAttribute("length", UNKNOWN_LENGTH);
        // Left out when the source did not say, rather than guessed: an app then has the URL to go by.
        if (hit.audioType() != null) {
            xml.writeAttribute("type", plain(hit.audioType()));
        }
        if (hit.durationS() != null) {
            itunes(xml, "duration", hit.durationS().toString());
        }
        if (hit.image() != null) {
            xml.writeEmptyElement("itunes", "image", ITUNES);
            xml.writeAttribute("href", plain(hit.image()));
        }
        // Which show the episode is from: the items of one feed come from several.
        itunes(xml, "author", show);
        xml.writeEndElement();
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        if (text != null) {
            xml.writeStartElement(name);
            xml.writeCharacters(plain(text));
            xml.writeEndElement();
        }
    }

    private static void itunes(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        if (text != null) {
            xml.writeStartElement("itunes", name, ITUNES);
            xml.writeCharacters(plain(text));
            xml.writeEndElement();
        }
    }

    /** Plain text as HTML that shows it: the three characters that could start markup or a reference, escaped. */
    static String html(String text) {
        return text == null ? null : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** The text without the characters XML 1.0 cannot hold, escaped or not: controls but tab and line breaks, U+FFFE, U+FFFF. */
    static String plain(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == '\t' || c == '\n' || c == '\r' || c >= 0x20 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD || c >= 0x10000).forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
