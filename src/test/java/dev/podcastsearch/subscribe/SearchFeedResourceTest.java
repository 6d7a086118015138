package dev.podcastsearch.subscribe;

import static dev.podcastsearch.support.upstream.PodcastApiStubs.PYTHON_BYTES;
import static dev.podcastsearch.support.upstream.PodcastApiStubs.TALK_PYTHON;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.StreamSupport;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.podcastsearch.source.Hit;
import dev.podcastsearch.source.feed.FeedReadBack;
import dev.podcastsearch.support.OpenApiContract;
import dev.podcastsearch.support.podcastapp.RssParser;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.PodcastApiStubs;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.SampleFeed;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;

/**
 * GET /search.rss: the search of GET /search, with its parameters and problems, as a podcast feed of the hits that have
 * audio, read back by the function's own feed parser and by rss-parser, an independent one. The feed source is fetched
 * afresh for every search ({@code search.feeds.refresh=0s}), so each test serves the feed it needs.
 */
@QuarkusTest
@WithTestResource(value = Upstreams.class, initArgs = {
        @ResourceArg(name = Upstreams.FEED, value = "feed"),
        @ResourceArg(name = "search.feeds.refresh", value = "0s") })
class SearchFeedResourceTest {

    static final String RSS = "application/rss+xml;charset=UTF-8";
    static final ObjectMapper JSON = new ObjectMapper();

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @InjectUpstream("realpython")
    ScriptedUpstream feed;

    /** Every exchange here is held to the OpenAPI document: its answers (some requests break the rules on purpose). */
    @BeforeEach
    void holdToTheOpenApiDocument() {
        OpenApiContract.install(false);
    }

    @AfterEach
    void releaseTheOpenApiDocument() {
        OpenApiContract.uninstall();
    }

    @BeforeEach
    void answerSamples() {
        talkPython.answer(Reply.json(PodcastApiStubs.sample(TALK_PYTHON, "pydantic")));
        pythonBytes.answer(Reply.json(PodcastApiStubs.sample(PYTHON_BYTES, "pydantic")));
        feed.answer(Reply.feed(SampleFeed.text(), null, null));
    }

    @Test
    void theFeedHasTheSearchsHitsWithAudioInItsOrderAsTheOwnFeedParserReadsThem() {
        List<JsonNode> withAudio = hitsWithAudio("python");
        assertThat(withAudio).as("the sample feed's four episodes").hasSize(4);

        List<Hit> items = FeedReadBack.hits("readback", feed("python").asByteArray());

        assertThat(items).hasSize(withAudio.size());
        for (int i = 0; i < items.size(); i++) {
            Hit item = items.get(i);
            JsonNode hit = withAudio.get(i);
            assertThat(item.title()).isEqualTo(hit.get("title").asText());
            assertThat(item.url()).isEqualTo(hit.get("url").textValue());
            assertThat(item.description()).isEqualTo(hit.get("description").asText());
            assertThat(item.published()).isEqualTo(hit.get("published").asText());
            assertThat(item.audioUrl()).isEqualTo(hit.get("audio_url").asText());
            assertThat(item.audioType()).isEqualTo(hit.get("audio_type").asText());
            assertThat(item.durationS()).isEqualTo(hit.get("duration_s").asLong());
            assertThat(item.image()).isEqualTo(hit.get("image").asText());
        }
    }

    @Test
    void rssParserReadsTheChannelAndEveryItemAsAPodcastAppWould() {
        JsonNode read = RssParser.read(feed("effective").asByteArray());

        assertThat(read.get("title").asText()).isEqualTo("Podcast search: effective");
        assertThat(read.get("link").asText()).endsWith("/?q=effective");
        assertThat(read.get("description").asText()).isEqualTo("Episodes that match \u201ceffective\u201d in Python"
                + " Bytes, The Real Python Podcast, Talk Python To Me.");
        assertThat(read.get("items")).hasSize(1);
        JsonNode item = read.get("items").get(0);
        assertThat(item.get("title").asText()).isEqualTo("Effective Python and Python at Google Scale");
        assertThat(item.get("link").asText()).isEqualTo("https://realpython.com/podcasts/rpp/3/");
        assertThat(item.get("guid").asText()).isEqualTo("realpython:3");
        assertThat(item.get("isoDate").asText()).isEqualTo("2020-06-26T12:00:00.000Z");
        assertThat(item.get("enclosure").get("url").asText()).isEqualTo("https://realpython.com/podcasts/rpp/3.mp3");
        assertThat(item.get("enclosure").get("type").asText()).isEqualTo("audio/mpeg");
        assertThat(item.get("enclosure").get("length").asText()).as("unknown, so 0").isEqualTo("0");
        assertThat(item.get("itunes").get("duration").asText()).isEqualTo("3332");
        assertThat(item.get("itunes").get("image").asText()).isEqualTo("https://realpython.com/static/podcasts/rpp-3.jpg");
        assertThat(item.get("itunes").get("author").asText()).isEqualTo("The Real Python Podcast");
        assertThat(item.get("contentSnippet").asText()).startsWith("Brett Slatkin talks about the second edition");
    }

    /**
     * Apple's required elements that the function can truthfully write: the channel's title and description, and each
     * episode's title, guid and enclosure with url, length and type (src/site/markdown/api.md says which it leaves out).
     */
    @Test
    void everyElementAppleRequiresThatApplies() throws Exception {
        Document document = dom(feed("python").asByteArray());
        Element rss = document.getDocumentElement();

        assertThat(rss.getTagName()).isEqualTo("rss");
        assertThat(rss.getAttribute("version")).isEqualTo("2.0");
        assertThat(rss.lookupNamespaceURI("itunes")).isEqualTo(SearchFeedWriter.ITUNES);
        Element channel = (Element) rss.getElementsByTagName("channel").item(0);
        for (String name : List.of("title", "description", "link")) {
            assertThat(child(channel, name)).as(name).isNotBlank();
        }
        NodeList items = channel.getElementsByTagName("item");
        assertThat(items.getLength()).isEqualTo(4);
        for (int i = 0; i < items.getLength(); i++) {
            Element item = (Element) items.item(i);
            assertThat(child(item, "title")).isNotBlank();
            assertThat(child(item, "guid")).startsWith("realpython:");
            assertThat(((Element) item.getElementsByTagName("guid").item(0)).getAttribute("isPermaLink")).isEqualTo("false");
            Element enclosure = (Element) item.getElementsByTagName("enclosure").item(0);
            assertThat(enclosure.getAttribute("url")).startsWith("https://");
            assertThat(enclosure.getAttribute("length")).isEqualTo("0");
            assertThat(enclosure.getAttribute("type")).isEqualTo("audio/mpeg");
            assertThat(ZonedDateTime.parse(child(item, "pubDate"), DateTimeFormatter.RFC_1123_DATE_TIME)).isNotNull();
        }
    }

    @Test
    void hitsWithoutAudioAreNoItemsAndASearchWithNoneIsAnEmptyFeed() {
        assertThat(hitsWithAudio("pydantic")).isEmpty();

        ExtractableResponse<Response> empty = feed("pydantic");

        assertThat(RssParser.read(empty.asByteArray()).get("items")).isEmpty();
        assertThat(empty.header("Last-Modified")).as("no item has a date").isNull();
        assertThat(empty.header("ETag")).isNotBlank();
    }

    @Test
    void hostileTextFromASourceAndTheCallerStaysTextInBothReaders() throws Exception {
        feed.answer(Reply.feed(HOSTILE_FEED, null, null));
        JsonNode hit = hitsWithAudio("hostile").get(0);
        assertThat(hit.get("title").asText()).contains("<script>", "</title>", "]]>");
        assertThat(hit.get("description").asText()).contains("<b>");
        String query = "hostile\uFFFF </title> & \"quoted\"";

        byte[] xml = given().queryParam("q", query).when().get("/search.rss").then().statusCode(200)
                .extract().asByteArray();

        JsonNode read = RssParser.read(xml);
        JsonNode item = read.get("items").get(0);
        assertThat(item.get("title").asText()).isEqualTo(hit.get("title").asText());
        assertThat(item.get("contentSnippet").asText()).isEqualTo(hit.get("description").asText());
        assertThat(item.get("content").asText()).as("no markup, only text").doesNotContain("<");
        assertThat(read.get("title").asText()).as("what XML cannot hold is left out")
                .isEqualTo("Podcast search: hostile </title> & \"quoted\"");
        // Titles are plain text, as Apple reads them; the function's own parser reads them as HTML, markup dropped.
        assertThat(FeedReadBack.hits("readback", xml).get(0).title()).isEqualTo("Hostile & \"quoted\" ]]>");
        Document document = dom(xml);
        assertThat(document.getElementsByTagName("script").getLength()).isZero();
        assertThat(document.getElementsByTagName("b").getLength()).isZero();
        assertThat(document.getElementsByTagName("item").getLength()).isEqualTo(1);
    }

    @Test
    void aCompleteFeedMayBeKeptFifteenMinutesAndSaysWhenItsNewestEpisodeCameOut() {
        ExtractableResponse<Response> answer = feed("python");

        assertThat(all(answer, "Cache-Control")).isEqualTo("public,max-age=900");
        assertThat(answer.header("Last-Modified")).isEqualTo("Fri, 26 Jun 2020 12:00:00 GMT");
        assertThat(answer.header("ETag")).matches("\"[A-Za-z0-9_-]{22}\"");
        assertThat(all(answer, "Server-Timing")).startsWith("pythonbytes;dur=").contains("realpython;dur=");
    }

    @Test
    void anIncompleteFeedIsNotKept() {
        talkPython.answer(Reply.status(500, "text/plain", "down"));

        ExtractableResponse<Response> answer = given().queryParam("q", "python").queryParam("partial", "true").when()
                .get("/search.rss").then().statusCode(200).contentType(RSS).extract();

        assertThat(all(answer, "Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void itsOwnETagGets304WithNoBodyInAnyFormAConditionalRequestTakes() {
        String etag = feed("python").header("ETag");

        for (String ifNoneMatch : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
            ExtractableResponse<Response> answer = given().queryParam("q", "python").header("If-None-Match", ifNoneMatch)
                    .when().get("/search.rss").then().statusCode(304).body(emptyString()).extract();
            assertThat(answer.header("ETag")).isEqualTo(etag);
            assertThat(answer.header("Last-Modified")).isEqualTo("Fri, 26 Jun 2020 12:00:00 GMT");
            assertThat(all(answer, "Cache-Control")).isEqualTo("public,max-age=900");
        }
    }

    @Test
    void anotherETagOrAChangedFeedGetsTheFeed() {
        String etag = feed("python").header("ETag");
        given().queryParam("q", "python").header("If-None-Match", "\"other\"").when().get("/search.rss")
                .then().statusCode(200).contentType(RSS).header("ETag", etag);
        feed.answer(Reply.feed(SampleFeed.text().replace("Effective Python", "Effective Python, Second Edition"), null,
                null));

        given().queryParam("q", "python").header("If-None-Match", etag).when().get("/search.rss")
                .then().statusCode(200).header("ETag", not(etag));
    }

    @Test
    void ifModifiedSinceTheNewestEpisodeGets304UnlessIfNoneMatchSaysOtherwise() {
        String newest = "Fri, 26 Jun 2020 12:00:00 GMT";

        given().queryParam("q", "python").header("If-Modified-Since", newest).when().get("/search.rss")
                .then().statusCode(304).body(emptyString());
        given().queryParam("q", "python").header("If-Modified-Since", "Sat, 27 Jun 2020 00:00:00 GMT")
                .when().get("/search.rss").then().statusCode(304);
        given().queryParam("q", "python").header("If-Modified-Since", "Fri, 26 Jun 2020 11:59:59 GMT")
                .when().get("/search.rss").then().statusCode(200);
        given().queryParam("q", "python").header("If-Modified-Since", "yesterday").when().get("/search.rss")
                .then().statusCode(200);
        given().queryParam("q", "python").header("If-Modified-Since", newest).header("If-None-Match", "\"other\"")
                .when().get("/search.rss").then().statusCode(200);
    }

    @Test
    void headIsTheFeedWithoutItsBodyAndConditionalToo() {
        String etag = feed("python").header("ETag");

        given().queryParam("q", "python").when().head("/search.rss").then().statusCode(200)
                .contentType(RSS).header("ETag", etag).body(emptyString());
        given().queryParam("q", "python").header("If-None-Match", etag).when().head("/search.rss")
                .then().statusCode(304);
    }

    @Test
    void optionsNamesTheMethodsAndAnyOtherMethodIsA405Problem() {
        assertThat(all(given().when().options("/search.rss").then().statusCode(200).extract(), "Allow"))
                .isEqualTo("GET,HEAD,OPTIONS");
        assertThat(all(given().queryParam("q", "python").when().post("/search.rss").then().statusCode(405)
                .contentType("application/problem+json").extract(), "Allow")).isEqualTo("GET,HEAD,OPTIONS");
    }

    @Test
    void aParameterBreakingItsRuleIsTheSearchsProblemAndNoSourceIsCalled() {
        given().queryParam("limit", "0").queryParam("q", "python").when().get("/search.rss").then().statusCode(400)
                .contentType("application/problem+json")
                .header("Cache-Control", "no-store")
                .body("type", is("urn:podcast-search:problem:invalid-parameter"))
                .body("parameter", is("limit"));
        given().when().get("/search.rss").then().statusCode(400).body("parameter", is("q"));
        assertThat(talkPython.requests()).isEmpty();
    }

    @Test
    void aFailedSourceIsTheSearchsProblem() {
        talkPython.answer(Reply.status(500, "text/plain", "down"));

        given().queryParam("q", "python").when().get("/search.rss").then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", is("urn:podcast-search:problem:source-failure"))
                .body("source", is(TALK_PYTHON))
                .header("ETag", nullValue());
    }

    @Test
    void anyAcceptHeaderGetsTheFeed() {
        for (String accept : List.of("application/json", "text/xml", "application/rss+xml, */*;q=0.1")) {
            given().queryParam("q", "python").header("Accept", accept).when().get("/search.rss").then()
                    .statusCode(200).contentType(RSS);
        }
    }

    /** One item whose title and description hold text that looks like markup, escaped once or twice in the feed. */
    static final String HOSTILE_FEED = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Hostile</title><link>https://hostile.example/</link>
            <item><title>Hostile &amp;lt;/title&amp;gt;&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt; &amp;amp;\
             "quoted" ]]&gt;</title>
            <guid>hostile-1</guid><link>https://hostile.example/1</link>
            <description>&lt;p&gt;A &amp;lt;b&amp;gt;hostile&amp;lt;/b&amp;gt; &lt;b&gt;description&lt;/b&gt;\
            &lt;script&gt;alert(2)&lt;/script&gt;&lt;/p&gt;</description>
            <enclosure url="https://hostile.example/1.mp3" length="1" type="audio/mpeg"/></item>
            </channel></rss>""";

    private static ExtractableResponse<Response> feed(String query) {
        return given().queryParam("q", query).when().get("/search.rss").then().statusCode(200).contentType(RSS)
                .extract();
    }

    /** The hits of the same search from GET /search that have audio, in its order. */
    private static List<JsonNode> hitsWithAudio(String query) {
        JsonNode answer;
        try {
            answer = JSON.readTree(given().queryParam("q", query).when().get("/search").then().statusCode(200)
                    .extract().asString());
        } catch (java.io.IOException e) {
            throw new AssertionError("the search's answer is not JSON", e);
        }
        return StreamSupport.stream(answer.get("results").spliterator(), false)
                .filter(hit -> !hit.get("audio_url").isNull()).toList();
    }

    /**
     * Every value of a header, joined: dev mode's mock event server splits a header at its commas, where Lambda
     * answers one line.
     */
    /**
     * A header as one value: dev mode's event server writes a value with commas as one line per element, which, with
     * no space after the commas, join back into exactly what Lambda sends as one line.
     */
    private static String all(ExtractableResponse<Response> answer, String header) {
        return String.join(",", answer.headers().getValues(header));
    }

    private static Document dom(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static String child(Element parent, String name) {
        NodeList found = parent.getElementsByTagName(name);
        return found.getLength() == 0 ? null : found.item(0).getTextContent();
    }
}
