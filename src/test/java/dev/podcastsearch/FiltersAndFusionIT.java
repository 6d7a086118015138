package dev.podcastsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;

import dev.podcastsearch.support.JsonTexts;
import dev.podcastsearch.support.lambda.FunctionLauncher;
import dev.podcastsearch.support.lambda.HttpApiEvents;
import dev.podcastsearch.support.lambda.LambdaRuntimeApi;
import dev.podcastsearch.support.lambda.PackagedFunction;
import dev.podcastsearch.support.lambda.ProxyResponse;
import dev.podcastsearch.support.lambda.RunningFunction;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;

/**
 * Issue 20's filters and merge in the deployment package under AWS's runtime client: the two search API stand-ins
 * (answering their pydantic samples) and a feed, {@code show}, of four episodes about Pydantic, one of them the
 * episode Python Bytes lists first, linked the way another site might write the same link. The APIs' hits say no
 * date or duration, so every filter skips them; the feed's episodes each lack something or fall somewhere.
 */
@Timeout(180)
class FiltersAndFusionIT {

    static final String SHARED_LINK = "https://pythonbytes.fm/episodes/show/323/ai-search-wars-have-begun";
    static final List<String> APIS_SKIPPED = List.of("skipped", "ok", "skipped");

    static ScriptedUpstream feeds;
    static PackagedFunction packaged;

    @BeforeAll
    static void launchWithTheApisAndAFeed() throws Exception {
        feeds = ScriptedUpstream.start();
        feeds.answer(Reply.feed(feed(), null, null));
        packaged = PackagedFunction.launch("FiltersAndFusionIT", launcher -> launcher
                .environment("SEARCH_SOURCES_SHOW_FEED_URL", feeds.baseUrl() + "/show/feed")
                .environment("SEARCH_SOURCES_SHOW_NAME", "A show about Pydantic"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (packaged != null) {
            packaged.close();
        }
        if (feeds != null) {
            feeds.close();
        }
    }

    @Test
    void aDateRangeKeepsTheFeedsEpisodesInItAndSkipsTheApisUnasked() {
        int apiCalls = apiCalls();

        JsonNode after = search(Map.of("published_after", "2024-01-01"));
        JsonNode before = search(Map.of("published_before", "2023-12-31"));

        assertThat(titles(after)).containsExactlyInAnyOrder("Pydantic on the web", "Pydantic, how long");
        assertThat(titles(before)).containsExactly("Pydantic in 2023");
        for (JsonNode answer : List.of(after, before)) {
            assertThat(JsonTexts.of(answer.get("sources").findValues("status"))).isEqualTo(APIS_SKIPPED);
            assertThat(answer.get("complete").asBoolean()).isTrue();
        }
        assertThat(after.get("sources").get(0).get("reason").asText()).isEqualTo("cannot apply published_after");
        assertThat(apiCalls()).as("the search APIs were not asked").isEqualTo(apiCalls);
    }

    @Test
    void aDurationRangeKeepsTheFeedsEpisodesOfThatLengthAndSkipsTheApisUnasked() {
        int apiCalls = apiCalls();

        JsonNode longer = search(Map.of("min_duration", "1800"));
        JsonNode shorter = search(Map.of("max_duration", "1500"));

        assertThat(titles(longer)).containsExactlyInAnyOrder("Pydantic on the web", "Pydantic, undated");
        assertThat(titles(shorter)).containsExactly("Pydantic in 2023");
        assertThat(JsonTexts.of(longer.get("sources").findValues("status"))).isEqualTo(APIS_SKIPPED);
        assertThat(longer.get("sources").get(2).get("reason").asText()).isEqualTo("cannot apply min_duration");
        assertThat(apiCalls()).as("the search APIs were not asked").isEqualTo(apiCalls);
    }

    @Test
    void newestFirstPutsTheUndatedLast() {
        JsonNode answer = search(Map.of("sort", "newest", "sources", "show"));

        assertThat(titles(answer)).containsExactly("Pydantic, how long", "Pydantic on the web", "Pydantic in 2023",
                "Pydantic, undated");
    }

    @Test
    void theSameEpisodeFromTheFeedAndAnApiIsOneHitWithAlsoIn() {
        JsonNode answer = search(Map.of());

        List<JsonNode> shared = hits(answer).stream().filter(hit -> hit.get("also_in").size() > 0).toList();
        assertThat(shared).singleElement().satisfies(hit -> {
            assertThat(hit.get("source").asText()).as("first at Python Bytes: kept as it lists it")
                    .isEqualTo("pythonbytes");
            assertThat(hit.get("url").asText()).isEqualTo(SHARED_LINK);
            assertThat(JsonTexts.of(hit.get("also_in"))).containsExactly("show");
        });
        assertThat(titles(answer)).doesNotContain("Pydantic on the web");
        int listed = answer.get("sources").findValues("result_count").stream().mapToInt(JsonNode::asInt).sum();
        assertThat(answer.get("total").asInt()).as("one fewer than the sources listed").isEqualTo(listed - 1);
        assertThat(hits(answer)).allSatisfy(hit -> assertThat(hit.has("score") || hit.has("ranks")).isFalse());
    }

    @Test
    void explainShowsEachHitsScoreAsTheSumOfItsSourcesReciprocalRanks() {
        JsonNode answer = search(Map.of("explain", "true"));

        assertThat(hits(answer)).allSatisfy(hit -> {
            double sum = 0;
            for (JsonNode rank : (Iterable<JsonNode>) () -> hit.get("ranks").elements()) {
                sum += 1.0 / (60 + rank.asInt());
            }
            assertThat(hit.get("score").asDouble()).isCloseTo(sum, within(1e-9));
        });
        JsonNode shared = hits(answer).stream().filter(hit -> hit.get("also_in").size() > 0).findFirst().orElseThrow();
        assertThat(shared.get("ranks").get("pythonbytes").asInt()).isEqualTo(1);
        assertThat(shared.get("ranks").has("show")).isTrue();
        assertThat(hits(answer).get(0)).as("listed twice, it leads").isEqualTo(shared);
    }

    @Test
    void anUnknownSourceIsA400ProblemAndNoSourceIsCalled() {
        int apiCalls = apiCalls();
        int feedFetches = feeds.requests().size();

        ProxyResponse answer = packaged.proxyResponse(HttpApiEvents.search(Map.of("q", "pydantic",
                "sources", "show,youtube")));

        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.json().get("parameter").asText()).isEqualTo("sources");
        assertThat(answer.json().get("detail").asText()).isEqualTo("sources must be a comma-separated list of source"
                + " ids, each one of pythonbytes, show, talkpython (every source when not given)");
        assertThat(apiCalls()).isEqualTo(apiCalls);
        assertThat(feeds.requests()).hasSize(feedFetches);
    }

    @Test
    void aNegativeWeightStopsTheFunctionAtInitWithTheRule() throws Exception {
        try (LambdaRuntimeApi otherApi = LambdaRuntimeApi.start();
                RunningFunction misconfigured = FunctionLauncher.forPackage(PackagedFunction.PACKAGE)
                        .environment(packaged.stubs().environment())
                        .environment("SEARCH_SOURCES_TALKPYTHON_WEIGHT", "-1")
                        .logTo(Path.of("target", "function-logs", "FiltersAndFusionIT-negative-weight.log"))
                        .launch(otherApi)) {
            assertThatThrownBy(() -> misconfigured.awaitFirstPoll(Duration.ofSeconds(60)))
                    .hasMessageContaining("search.sources.talkpython.weight is -1.0: it must be a number, 0 or more");
        }
    }

    private static JsonNode search(Map<String, String> parameters) {
        Map<String, String> query = new HashMap<>(parameters);
        query.put("q", "pydantic");
        ProxyResponse answer = packaged.proxyResponse(HttpApiEvents.search(query));
        assertThat(answer.statusCode()).as("status of %s: %s", query, answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static List<JsonNode> hits(JsonNode answer) {
        return List.copyOf(answer.get("results").findParents("source"));
    }

    private static List<String> titles(JsonNode answer) {
        return hits(answer).stream().map(hit -> hit.get("title").asText()).toList();
    }

    private static int apiCalls() {
        return packaged.stubs().talkPython().getAllServeEvents().size()
                + packaged.stubs().pythonBytes().getAllServeEvents().size();
    }

    /** Four episodes: on the web (2024, an hour, Python Bytes' link), 2023 (20 min), undated (30 min), no duration. */
    private static String feed() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\"><channel>"
                + "<title>A show about Pydantic</title><link>https://show.example/</link>"
                + item(1, "Pydantic on the web",
                        "HTTPS://PythonBytes.FM:443/episodes/show/323/ai-search-wars-have-begun/",
                        "Fri, 08 Mar 2024 12:00:00 +0000", "01:00:00")
                + item(2, "Pydantic in 2023", "https://show.example/2", "Mon, 01 May 2023 12:00:00 +0000", "20:00")
                + item(3, "Pydantic, undated", "https://show.example/3", null, "1800")
                + item(4, "Pydantic, how long", "https://show.example/4", "Sat, 01 Jun 2024 12:00:00 +0000", null)
                + "</channel></rss>";
    }

    private static String item(int number, String title, String link, String pubDate, String duration) {
        return "<item><title>" + title + "</title><link>" + link + "</link><guid>show-" + number + "</guid>"
                + "<description>Validation with Pydantic, part " + number + ".</description>"
                + (pubDate == null ? "" : "<pubDate>" + pubDate + "</pubDate>")
                + (duration == null ? "" : "<itunes:duration>" + duration + "</itunes:duration>")
                + "<enclosure url=\"https://show.example/" + number + ".mp3\" length=\"1000\" type=\"audio/mpeg\"/>"
                + "</item>";
    }
}
