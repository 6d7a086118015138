package dev.podcastsearch.source.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podcastsearch.index.Episode;
import dev.podcastsearch.source.SourceFailure;

/**
 * What a feed may not make the parser do, on the strict reading and on the second, lenient one alike: read a DTD,
 * expand an entity, nest without end, keep items or text without end. A document that needs the lenient reading is
 * refused for the same reasons as one that does not.
 */
class FeedBoundsTest {

    static final String DTD_REFUSED = "feed declares a DTD or entities, which are not read";

    @Test
    void anExternalEntityIsRefused() {
        assertThat(refusal(FeedFailureTest.XXE)).isEqualTo(DTD_REFUSED);
    }

    @Test
    void anExternalEntityIsRefusedWhenTheDocumentAlsoNeedsTheLenientReading() {
        String xxe = FeedFailureTest.XXE.replace("<title>root", "<title>caf&eacute; Q&A root");

        assertThat(refusal(xxe)).isEqualTo(DTD_REFUSED);
    }

    @Test
    void anEntityBombIsRefusedWithoutExpanding() {
        StringBuilder bomb = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol0 \"lol\">\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        bomb.append("]>\n<rss><channel><item><title>&lol9;&nbsp;</title></item></channel></rss>");

        assertThat(refusal(bomb.toString())).isEqualTo(DTD_REFUSED);
    }

    @Test
    void aDoctypeAfterABrokenPrologIsRefusedToo() {
        String feed = "<?xml version=\"1.0\"?><!-- \u0001 --><!DOCTYPE rss SYSTEM \"http://127.0.0.1:9/rss.dtd\">"
                + "<rss><channel><item><title>x</title></item></channel></rss>";

        assertThat(refusal(feed)).isEqualTo(DTD_REFUSED);
    }

    @Test
    void nestingDeeperThanTheLimitIsRefusedOnEitherReading() {
        String deep = "<x>".repeat(FeedParser.MAX_DEPTH) + "</x>".repeat(FeedParser.MAX_DEPTH);
        String strict = "<rss><channel><item><title>t</title><description>" + deep + "</description></item></channel></rss>";

        assertThat(refusal(strict)).isEqualTo("feed nests elements deeper than " + FeedParser.MAX_DEPTH);
        assertThat(refusal(strict.replace("<title>t", "<title>t&nbsp;")))
                .isEqualTo("feed nests elements deeper than " + FeedParser.MAX_DEPTH);
    }

    @Test
    void atMostMaxEpisodesItemsAreKeptOnEitherReading() {
        String items = "<item><title>episode&nbsp;x</title></item>".repeat(FeedParser.MAX_EPISODES + 10);

        assertThat(FeedParser.parse("feed", bytes("<rss><channel>" + items + "</channel></rss>")))
                .hasSize(FeedParser.MAX_EPISODES).first().extracting(Episode::title).isEqualTo("episode x");
    }

    @Test
    void aTextIsReadToAtMostMaxTextCharactersOnEitherReading() {
        String longTitle = "&eacute;" + "a".repeat(FeedParser.MAX_TEXT * 2);

        List<Episode> episodes = FeedParser.parse("feed",
                bytes("<rss><channel><item><title>" + longTitle + "</title></item></channel></rss>"));

        assertThat(episodes.get(0).title()).hasSize(FeedParser.MAX_TEXT).startsWith("éaaa");
    }

    /** Time in proportion to the body, whatever it holds: a few seconds is a generous bound for any of these. */
    @Test
    void repairingMegabytesOfLoneAmpersandsAndEntitiesTakesLinearTime() {
        String pathological = "<rss><channel><item><title>" + "&".repeat(4 * 1024 * 1024) + "&nbsp".repeat(200_000)
                + "</title></item></channel></rss>";

        long started = System.nanoTime();
        List<Episode> episodes = FeedParser.parse("feed", bytes(pathological));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
        assertThat(episodes.get(0).title()).startsWith("&&&");
    }

    @Test
    void aBodyThatIsNotRssIsStillRefusedAfterTheLenientReading() {
        assertThat(refusal("<html><body>&nbsp;Not a feed</body></html>")).isEqualTo("feed is not RSS");
    }

    @Test
    void anUnterminatedCommentIsCutOffNotRepaired() {
        assertThatThrownBy(() -> FeedParser.parse("feed", bytes("<rss><channel><!-- & never closed")))
                .hasMessageContaining("feed is cut off");
    }

    private static String refusal(String feed) {
        Throwable thrown = catchThrowable(() -> FeedParser.parse("feed", bytes(feed)));
        assertThat(thrown).isInstanceOf(SourceFailure.class);
        return ((SourceFailure) thrown).reason();
    }

    private static byte[] bytes(String feed) {
        return feed.getBytes(StandardCharsets.UTF_8);
    }
}
