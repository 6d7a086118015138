package dev.podcastsearch.source.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podcastsearch.index.Episode;
import dev.podcastsearch.source.SourceFailure;

/**
 * Feeds as hosts write them (src/test/resources/feeds/, one quirk each), read to what a podcast app shows: titles,
 * links and dates.
 */
class FeedQuirksTest {

    @Test
    void namedZonesAreRfc822s() {
        assertThat(read("megaphone-named-zone.xml")).extracting(Episode::title, Episode::url, Episode::published)
                .containsExactly(
                        tuple("Harbor Lights: The Night Shift", null, Instant.parse("2019-10-01T22:30:00Z")),
                        tuple("Harbor Lights: The Inquiry", null, Instant.parse("2019-07-15T13:00:00Z")),
                        tuple("Harbor Lights: Trailer", null, Instant.parse("2019-06-01T06:00:00Z")));
    }

    @Test
    void aWeekdayThatIsNotTheDatesIsIgnored() {
        assertThat(read("libsyn-wrong-weekday.xml")).extracting(Episode::id, Episode::title, Episode::url,
                Episode::published).containsExactly(
                        tuple(12L, "Winter Pruning for Roses", "https://gardeninghour.example.com/winter-pruning-for-roses",
                                Instant.parse("2010-12-23T01:30:00Z")),
                        tuple(11L, "Seed Catalogues Worth Reading",
                                "https://gardeninghour.example.com/seed-catalogues-worth-reading",
                                Instant.parse("2010-12-16T01:30:00Z")));
    }

    @Test
    void whitespaceBeforeTheXmlDeclarationIsSkipped() {
        assertThat(read("buzzsprout-whitespace-before-declaration.xml"))
                .extracting(Episode::id, Episode::title, Episode::published)
                .containsExactly(tuple(48L, "Ultramarathon Nutrition with a Sports Dietitian",
                        Instant.parse("2019-10-01T14:00:00Z")));
    }

    @Test
    void aByteOrderMarkIsSkippedAndTheTextReadAsUtf8() {
        assertThat(read("anchor-byte-order-mark.xml")).extracting(Episode::title, Episode::url, Episode::published)
                .containsExactly(tuple("Ep 3 – Commander un café, c’est facile",
                        "https://podcasters.example.com/pod/show/cafe-francais/episodes/Ep-3-e2f4g6h",
                        Instant.parse("2024-03-04T08:00:00Z")));
    }

    @Test
    void utf16WithAByteOrderMarkIsRead() {
        String feed = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss version=\"2.0\"><channel>"
                + "<item><title>Ça va, Zoë?</title></item></channel></rss>";
        byte[] body = ("\uFEFF" + feed).getBytes(StandardCharsets.UTF_16LE);

        assertThat(FeedParser.parse("feed", body)).extracting(Episode::title).containsExactly("Ça va, Zoë?");
    }

    @Test
    void iso88591IsReadAsWindows1252AsBrowsersReadIt() {
        assertThat(read("powerpress-windows-1252.xml")).singleElement().satisfies(episode -> {
            assertThat(episode.title()).isEqualTo("Men’s Basketball: Senior Night");
            assertThat(episode.description()).isEqualTo("Coach Álvarez on the seniors’ last home game.");
            assertThat(episode.published()).isEqualTo(Instant.parse("2019-03-01T23:00:00Z"));
        });
    }

    @Test
    void everyWhatwgLabelOfWindows1252IsReadAsWindows1252() {
        for (String label : List.of("us-ascii", "latin1", "ISO_8859-1", "cp1252", "windows-1252")) {
            byte[] body = ("<?xml version='1.0' encoding='" + label + "'?><rss><channel><item><title>Men\u2019s"
                    + " \u201Cbest\u201D</title></item></channel></rss>").getBytes(Charset.forName("windows-1252"));

            assertThat(FeedParser.parse("feed", body)).as(label).extracting(Episode::title)
                    .containsExactly("Men’s “best”");
        }
    }

    @Test
    void htmlEntitiesAndALoneAmpersandAreReadAsPodcastAppsReadThem() {
        assertThat(read("podbean-html-entities.xml")).extracting(Episode::id, Episode::title, Episode::description)
                .containsExactly(
                        tuple(5L, "Café Crème — Steaming Milk at Home", "Microfoam without a machine – a whisk and a jar."),
                        tuple(4L, "Listener Q&A: Sourdough Starters", "Your questions about feeding a starter."));
    }

    @Test
    void entitiesInsideCdataAreLeftToTheTextAndDecodedThere() {
        byte[] body = ("<rss><channel><item><title><![CDATA[Tom &amp; Jerry&nbsp;&hellip; &bogus; &eacute;t&eacute;]]>"
                + "</title></item></channel></rss>").getBytes(StandardCharsets.UTF_8);

        assertThat(FeedParser.parse("feed", body)).extracting(Episode::title)
                .containsExactly("Tom & Jerry … &bogus; été");
    }

    @Test
    void charactersXmlForbidsAreDroppedAndTheRestRead() {
        byte[] body = ("<rss><channel><item><title>Tab\u000B Ctrl\u001A Fine&#x1F; \uD83C\uDF99 &#xD800;mic</title>"
                + "</item></channel></rss>").getBytes(StandardCharsets.UTF_8);

        assertThat(FeedParser.parse("feed", body)).extracting(Episode::title).containsExactly("Tab Ctrl Fine \uD83C\uDF99 mic");
    }

    @Test
    void anRfc822DateWithAnIsoOffsetAndOneWithoutWeekdayAreRead() {
        assertThat(read("transistor-colon-offset.xml")).extracting(Episode::title, Episode::published)
                .containsExactly(
                        tuple("Pricing Without Investors", Instant.parse("2019-10-01T13:30:00Z")),
                        tuple("Churn Is a Pricing Problem", Instant.parse("2019-09-17T13:30:00Z")));
    }

    @Test
    void twoDigitYearsAndTimesWithoutSecondsAreRead() {
        assertThat(read("simplecast-two-digit-year.xml")).extracting(Episode::title, Episode::published)
                .containsExactly(
                        tuple("Typography on Small Screens", Instant.parse("2019-10-01T14:30:00Z")),
                        tuple("Colour Systems from 1998", Instant.parse("1998-11-20T14:15:00Z")));
    }

    @Test
    void iso8601DatesAreRead() {
        assertThat(read("omny-iso-date.xml")).extracting(Episode::title, Episode::published)
                .containsExactly(
                        tuple("Bond Yields Climb Again", Instant.parse("2019-10-01T14:30:00Z")),
                        tuple("Retail Earnings Preview", Instant.parse("2019-09-29T21:00:00Z")));
    }

    @Test
    void aPathLinkIsReadOnTheChannelsSiteAndALinkWithoutSchemeIsLeftOut() {
        assertThat(read("powerpress-relative-links.xml")).extracting(Episode::title, Episode::url)
                .containsExactly(
                        tuple("Council Meeting – October 2019",
                                "https://smalltown.example.org/podcast/council-meeting-october-2019/"),
                        tuple("Council Meeting – September 2019", null));
    }

    @Test
    void aProtocolRelativeLinkIsLeftOutEvenWithASite() {
        byte[] body = ("<rss><channel><link>https://site.example.com/</link><item><title>x</title>"
                + "<link>//elsewhere.example.net/x</link></item></channel></rss>").getBytes(StandardCharsets.UTF_8);

        assertThat(FeedParser.parse("feed", body)).extracting(Episode::url).containsExactly((String) null);
    }

    @Test
    void aFeedCutOffPartwayFailsAsCutOffAndNothingOfItIsKept() {
        assertThatThrownBy(() -> read("acast-cut-off.xml"))
                .isInstanceOf(SourceFailure.class)
                .hasMessageContaining("feed is cut off: it ends before its last element is closed");
    }

    @Test
    void aFeedCutOffAfterItsLastItemFailsToo() {
        String whole = text("libsyn-wrong-weekday.xml");
        byte[] cut = whole.substring(0, whole.indexOf("</channel>")).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FeedParser.parse("feed", cut)).hasMessageContaining("feed is cut off");
    }

    @Test
    void aFeedWithAnHtmlEntityCutOffFailsAsCutOff() {
        String whole = text("podbean-html-entities.xml");
        byte[] cut = whole.substring(0, whole.indexOf("<title>Listener")).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FeedParser.parse("feed", cut)).hasMessageContaining("feed is cut off");
    }

    @Test
    void mismatchedTagsAreStillNotWellFormed() {
        byte[] body = "<rss><channel><item><title>x</item></channel></rss>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FeedParser.parse("feed", body)).hasMessageContaining("feed is not well-formed XML");
    }

    static List<Episode> read(String feed) {
        return FeedParser.parse("feed", bytes(feed));
    }

    static String text(String feed) {
        return new String(bytes(feed), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String feed) {
        try (InputStream in = FeedQuirksTest.class.getClassLoader().getResourceAsStream("feeds/" + feed)) {
            if (in == null) {
                throw new IllegalArgumentException("no test feed feeds/" + feed);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
