package dev.podcastsearch.source.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podcastsearch.source.Hit.Person;
import dev.podcastsearch.source.Hit;
import dev.podcastsearch.source.SourceFailure;
import dev.podcastsearch.support.upstream.SampleFeed;

/**
 * What an item says its episode is (audio, duration, artwork, numbers, type, transcript, chapters, persons), read from
 * its iTunes and Podcasting 2.0 elements: what is usable is kept, a link that is not http(s) and a value that is not
 * one is none, lists are bounded.
 */
class EpisodeDetailsTest {

    static final String NAMESPACES = " xmlns:itunes=\"" + FeedParser.ITUNES + "\" xmlns:podcast=\"" + FeedParser.PODCAST
            + "\"";
    static final String CHANNEL_IMAGE = "https://example.com/cover.jpg";
    static final Person HOST = new Person("Christopher Bailey", "host", "https://realpython.com/team/cbailey/");

    @Test
    void theSampleFeedsFullEpisodeSaysEverything() {
        Episode.Details details = sample(0).details();

        assertThat(details).isEqualTo(new Episode.Details("https://realpython.com/podcasts/rpp/3.mp3", "audio/mpeg",
                3332L, "https://realpython.com/static/podcasts/rpp-3.jpg", 3L, 1L, "full",
                "https://realpython.com/podcasts/rpp/3/transcript.srt",
                "https://realpython.com/podcasts/rpp/3/chapters.json",
                List.of(HOST, new Person("Brett Slatkin", "guest", "https://www.onebigfluke.com/"))));
    }

    @Test
    void theSampleFeedsJavascriptArtworkAndPersonLinkAreLeftOutAndTheChannelsArtworkTakesOver() {
        Episode.Details details = sample(1).details();

        assertThat(details.image()).isEqualTo("https://realpython.com/static/podcast-cover.jpg");
        assertThat(details.persons()).containsExactly(new Person("Jon Fincher", "guest", null));
        assertThat(details.durationS()).isEqualTo(49 * 60 + 7);
    }

    @Test
    void theSampleFeedsEpisodeWithoutPersonsHasTheChannelsAndTheTrailerHasNoNumber() {
        assertThat(sample(2).details().persons()).containsExactly(HOST);
        assertThat(sample(2).details().durationS()).isEqualTo(2718);
        Episode.Details trailer = sample(3).details();
        assertThat(trailer.episodeType()).isEqualTo("trailer");
        assertThat(trailer.episode()).isNull();
        assertThat(trailer.season()).isNull();
        assertThat(trailer.durationS()).isEqualTo(126);
    }

    @Test
    void anItemWithoutAnyOfTheElementsSaysNothing() {
        assertThat(details("")).isEqualTo(new Episode.Details(null, null, null, null, null, null, null, null, null,
                null));
    }

    @Test
    void anEnclosureThatIsNotAnAbsoluteHttpUrlIsNoAudioAndTheNextUsableOneCounts() {
        for (String url : List.of("javascript:alert(1)", "data:audio/mpeg;base64,AAAA", "/episodes/3.mp3",
                "//cdn.example.com/3.mp3", "ftp://example.com/3.mp3", "cdn.example.com/3.mp3", " ")) {
            Episode.Details details = details(enclosure(url, "audio/mpeg"));
            assertThat(details.audioUrl()).as(url).isNull();
            assertThat(details.audioType()).as(url).isNull();
        }
        Episode.Details second = details(enclosure("javascript:alert(1)", "text/html")
                + enclosure(" https://cdn.example.com/3.m4a ", "audio/x-m4a"));
        assertThat(second.audioUrl()).isEqualTo("https://cdn.example.com/3.m4a");
        assertThat(second.audioType()).isEqualTo("audio/x-m4a");
    }

    @Test
    void anAudioTypeIsAMediaTypeInLowerCaseWithoutParametersOrNone() {
        assertThat(details(enclosure("https://cdn.example.com/3.mp3", "Audio/MPEG; charset=binary")).audioType())
                .isEqualTo("audio/mpeg");
        assertThat(details(enclosure("https://cdn.example.com/3.mp3", "&lt;script&gt;alert(1)&lt;/script&gt;"))
                .audioType()).isNull();
        assertThat(details(enclosure("https://cdn.example.com/3.mp3", "mp3")).audioType()).isNull();
        assertThat(details("<enclosure url=\"https://cdn.example.com/3.mp3\"/>").audioUrl())
                .isEqualTo("https://cdn.example.com/3.mp3");
    }

    @Test
    void aDurationThatIsNotOneIsNone() {
        assertThat(details("<itunes:duration>about an hour</itunes:duration>").durationS()).isNull();
        assertThat(details("<itunes:duration>NaN</itunes:duration>").durationS()).isNull();
        assertThat(details("<itunes:duration>1:02:03</itunes:duration>").durationS()).isEqualTo(3723);
        // Not Apple's element: no duration.
        assertThat(details("<duration>3600</duration>").durationS()).isNull();
    }

    @Test
    void theItemsArtworkWinsAndTheChannelsStandsInWhereverTheChannelNamesIt() {
        String itemImage = "<itunes:image href=\"https://example.com/3.jpg\"/>";
        String channelImage = "<itunes:image href=\"" + CHANNEL_IMAGE + "\"/>";

        assertThat(read(channelImage, itemImage).get(0).details().image()).isEqualTo("https://example.com/3.jpg");
        assertThat(read(channelImage, "").get(0).details().image()).isEqualTo(CHANNEL_IMAGE);
        // After the items, as some hosts write it.
        List<Episode> episodes = parse("<rss version=\"2.0\"" + NAMESPACES + "><channel>" + item("")
                + channelImage + "</channel></rss>");
        assertThat(episodes.get(0).details().image()).isEqualTo(CHANNEL_IMAGE);
        assertThat(read(channelImage, "<itunes:image href=\"javascript:alert(1)\"/>").get(0).details().image())
                .isEqualTo(CHANNEL_IMAGE);
        assertThat(read("<itunes:image href=\"data:image/png;base64,AAAA\"/>", "").get(0).details().image()).isNull();
    }

    @Test
    void anItemsPersonsReplaceTheChannelsAndAnItemWithoutAnyHasTheChannels() {
        String channel = person("host", "https://example.com/ann", "Ann Host");
        List<Episode> episodes = read(channel, person("guest", null, "Gus Guest"), "");

        assertThat(episodes.get(0).details().persons()).containsExactly(new Person("Gus Guest", "guest", null));
        assertThat(episodes.get(1).details().persons())
                .containsExactly(new Person("Ann Host", "host", "https://example.com/ann"));
    }

    @Test
    void aPersonsRoleIsHostWhenNotGivenAndInLowerCase() {
        assertThat(details(person(null, null, "Ann") + person("  ", null, "Bo") + person("Guest", null, "Cy")
                + person("Cover Art  Designer", null, "Di")).persons()).extracting(Person::role)
                .containsExactly("host", "host", "guest", "cover art designer");
    }

    @Test
    void aPersonsNameIsPlainTextAndAPersonWithoutANameIsLeftOut() {
        assertThat(details(person("guest", null, "<![CDATA[<b>Zoë</b> &amp; Co]]>") + person("guest", null, "  ")
                + person("guest", null, "")).persons()).containsExactly(new Person("Zoë & Co", "guest", null));
    }

    @Test
    void aPersonsLinkThatIsNotHttpIsNoneAndThePersonKept() {
        assertThat(details(person("guest", "javascript:alert(1)", "Ann") + person("guest", "//evil.example/", "Bo")
                + person("guest", "mailto:cy@example.com", "Cy")).persons())
                .extracting(Person::link).containsExactly(null, null, null);
    }

    @Test
    void aNameOrRoleLongerThanTheLimitLeavesThePersonOut() {
        String longName = "a".repeat(PodcastElements.MAX_LABEL + 1);
        String hugeName = "b".repeat(FeedParser.MAX_TEXT * 2);

        assertThat(details(person("guest", null, longName) + person("r".repeat(PodcastElements.MAX_LABEL + 1), null,
                "Ann") + person("guest", null, hugeName) + person("guest", null, "a".repeat(PodcastElements.MAX_LABEL)))
                .persons()).extracting(Person::name).containsExactly("a".repeat(PodcastElements.MAX_LABEL));
    }

    @Test
    void atMostMaxPersonsAreKeptInFeedOrderOnTheItemAndTheChannel() {
        StringBuilder crowd = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            crowd.append(person("guest", "https://example.com/" + i, "Guest " + i));
        }

        List<Episode> episodes = read(crowd.toString(), crowd.toString(), "");

        for (Episode episode : episodes) {
            assertThat(episode.details().persons()).hasSize(Hit.MAX_PERSONS)
                    .extracting(Person::name).startsWith("Guest 0", "Guest 1").endsWith("Guest 19");
        }
    }

    @Test
    void personsNestedDeeperThanTheLimitAreRefusedLikeAnyElement() {
        String deep = "<x>".repeat(FeedParser.MAX_DEPTH) + "</x>".repeat(FeedParser.MAX_DEPTH);

        assertThatThrownBy(() -> read("", "<podcast:person>" + deep + "</podcast:person>"))
                .isInstanceOf(SourceFailure.class).hasMessageContaining("deeper than " + FeedParser.MAX_DEPTH);
        assertThatThrownBy(() -> read("<podcast:person>" + deep + "</podcast:person>", ""))
                .isInstanceOf(SourceFailure.class).hasMessageContaining("deeper than " + FeedParser.MAX_DEPTH);
        assertThatThrownBy(() -> read("", enclosure("https://cdn.example.com/3.mp3", "audio/mpeg")
                .replace("/>", ">" + deep + "</enclosure>")))
                .isInstanceOf(SourceFailure.class).hasMessageContaining("deeper than " + FeedParser.MAX_DEPTH);
    }

    @Test
    void anEpisodeTypeIsFullTrailerOrBonusInAnyCaseElseNone() {
        assertThat(List.of(" Full ", "TRAILER", "bonus", "episode", "", "full episode").stream()
                .map(type -> details("<itunes:episodeType>" + type + "</itunes:episodeType>").episodeType()))
                .containsExactly("full", "trailer", "bonus", null, null, null);
    }

    @Test
    void episodeAndSeasonAreWholeNumbersFromItunesElseFromPodcasting20() {
        Episode.Details itunes = details("<podcast:episode>30</podcast:episode><itunes:episode> 31 </itunes:episode>"
                + "<itunes:season>4</itunes:season><podcast:season name=\"Spring\">5</podcast:season>");
        Episode.Details podcast = details("<itunes:episode>thirty</itunes:episode><podcast:episode>30</podcast:episode>"
                + "<itunes:season>0</itunes:season><podcast:season>5</podcast:season>");

        assertThat(itunes.episode()).isEqualTo(31);
        assertThat(itunes.season()).isEqualTo(4);
        assertThat(podcast.episode()).isEqualTo(30);
        assertThat(podcast.season()).isEqualTo(5);
        for (String notWhole : List.of("3.5", "-3", "0", "1e3", "x", "1234567890123456")) {
            assertThat(details("<itunes:episode>" + notWhole + "</itunes:episode><itunes:season>" + notWhole
                    + "</itunes:season>")).as(notWhole).extracting(Episode.Details::episode, Episode.Details::season)
                    .containsExactly(null, null);
        }
    }

    @Test
    void aTimedTranscriptIsPreferredToHtmlOrPlainTextWhereverItStands() {
        String html = transcript("https://example.com/t.html", "text/html");
        String plain = transcript("https://example.com/t.txt", "text/plain");
        String vtt = transcript("https://example.com/t.vtt", "text/vtt");
        String json = transcript("https://example.com/t.json", "application/json");
        String srt = transcript("https://example.com/t.srt", "application/srt");

        assertThat(details(html + vtt).transcriptUrl()).isEqualTo("https://example.com/t.vtt");
        assertThat(details(plain + json + srt).transcriptUrl()).isEqualTo("https://example.com/t.json");
        assertThat(details(srt + json).transcriptUrl()).isEqualTo("https://example.com/t.srt");
        assertThat(details(plain + html).transcriptUrl()).isEqualTo("https://example.com/t.txt");
        assertThat(details(transcript("https://example.com/t.pdf", "application/pdf") + html).transcriptUrl())
                .isEqualTo("https://example.com/t.html");
        assertThat(details(transcript("https://example.com/t.pdf", "application/pdf")).transcriptUrl())
                .isEqualTo("https://example.com/t.pdf");
        assertThat(details(transcript("javascript:alert(1)", "text/vtt") + html).transcriptUrl())
                .isEqualTo("https://example.com/t.html");
    }

    @Test
    void chaptersAreTheFirstUsableLink() {
        assertThat(details("<podcast:chapters url=\"javascript:alert(1)\" type=\"application/json+chapters\"/>"
                + "<podcast:chapters url=\"https://example.com/c.json\" type=\"application/json+chapters\"/>"
                + "<podcast:chapters url=\"https://example.com/other.json\"/>").chaptersUrl())
                .isEqualTo("https://example.com/c.json");
        assertThat(details("<podcast:chapters url=\"/c.json\"/>").chaptersUrl()).isNull();
    }

    private static Episode sample(int index) {
        return FeedParser.parse("realpython", SampleFeed.text().getBytes(StandardCharsets.UTF_8)).get(index);
    }

    private static Episode.Details details(String itemElements) {
        return read("", itemElements).get(0).details();
    }

    /** A feed with these elements in its channel, and one item per element list. */
    private static List<Episode> read(String channelElements, String... items) {
        StringBuilder feed = new StringBuilder("<rss version=\"2.0\"" + NAMESPACES + "><channel><title>Show</title>"
                + "<link>https://example.com/</link>" + channelElements);
        for (String item : items) {
            feed.append(item(item));
        }
        return parse(feed.append("</channel></rss>").toString());
    }

    private static String item(String elements) {
        return "<item><title>Episode</title><guid>" + elements.hashCode() + "</guid>" + elements + "</item>";
    }

    private static List<Episode> parse(String feed) {
        return FeedParser.parse("feed", feed.getBytes(StandardCharsets.UTF_8));
    }

    private static String enclosure(String url, String type) {
        return "<enclosure url=\"" + url + "\" length=\"1000\" type=\"" + type + "\"/>";
    }

    private static String transcript(String url, String type) {
        return "<podcast:transcript url=\"" + url + "\" type=\"" + type + "\"/>";
    }

    private static String person(String role, String href, String name) {
        return "<podcast:person" + (role == null ? "" : " role=\"" + role + "\"")
                + (href == null ? "" : " href=\"" + href + "\"") + ">" + name + "</podcast:person>";
    }
}
