package dev.podcastsearch.page;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.ColorScheme;

import dev.podcastsearch.support.browser.PageContrast;
import dev.podcastsearch.support.browser.SystemChromium;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.PodcastApiStubs;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.SampleFeed;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * What a hit from a feed shows in a real browser (the system's headless Chromium): its show, date and duration, a
 * player, its artwork and the matched words marked; the filters and the feed of a search, used by clicking. The
 * podcast's own host is played by the browser's request routing, which answers every artwork with a small picture,
 * so nothing leaves the machine. Every width and scheme leaves a screenshot in target/browser/.
 */
@QuarkusTest
@WithTestResource(value = Upstreams.class, initArgs = @ResourceArg(name = Upstreams.FEED, value = "feed"))
class RichHitsBrowserTest {

    /** A 1 × 1 PNG, the artwork of every episode here. */
    private static final byte[] PICTURE = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    private static final List<int[]> WIDTHS = List.of(new int[] { 390, 844 }, new int[] { 1280, 800 });

    private static final Page.GetByLabelOptions EXACT = new Page.GetByLabelOptions().setExact(true);

    private static SystemChromium chromium;

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    @InjectUpstream("realpython")
    ScriptedUpstream feed;

    private final List<String> consoleErrors = new ArrayList<>();
    private final List<String> artworkRequests = new ArrayList<>();

    @BeforeAll
    static void startBrowser() {
        chromium = SystemChromium.launch();
    }

    @AfterAll
    static void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void answerSamples() {
        apiSamples("no-hits");
        feed.answer(Reply.feed(SampleFeed.text(), "\"sample-1\"", null));
        // The feed is fetched and indexed once, before any page is looked at, however busy the machine is.
        for (int attempt = 1; !"ok".equals(given().get("/search?q=python&partial=true").path("sources[1].status")); attempt++) {
            assertThat(attempt).as("searches before the feed answers in time").isLessThan(10);
        }
    }

    @Test
    void aFeedHitShowsItsShowDateDurationPlayerArtworkAndMarksAtEveryWidthInBothSchemes() {
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            for (int[] size : WIDTHS) {
                try (BrowserContext context = context(size, scheme)) {
                    Page page = open(context, "?q=decorators");

                    Locator hit = page.locator("ol.results > li").first();
                    assertThat(hit.locator("h3 a")).hasText("Python Decorators and Writing a CLI with Click");
                    assertThat(hit.locator("h3 mark")).hasText("Decorators");
                    assertThat(hit.locator(".show")).hasText("The Real Python Podcast");
                    assertThat(hit.locator("time")).hasText("12 June 2020");
                    assertThat(hit.locator("time")).hasAttribute("datetime", "2020-06-12T12:00:00Z");
                    assertThat(hit.locator(".duration")).hasText(Pattern.compile("^(\\d+ min|\\d+ h \\d\\d min)$"));
                    Locator player = hit.locator("audio");
                    assertThat(player).hasAttribute("controls", "");
                    assertThat(player).hasAttribute("preload", "none");
                    assertThat(player).hasAttribute("src", Pattern.compile("^https://realpython\\.com/podcasts/rpp/\\d+\\.mp3$"));
                    assertThat(player).hasAttribute("aria-label", "Play Python Decorators and Writing a CLI with Click");
                    Locator artwork = hit.locator("img.art");
                    assertThat(artwork).hasAttribute("loading", "lazy");
                    assertThat(artwork).hasAttribute("referrerpolicy", "no-referrer");
                    assertThat(artwork).hasAttribute("alt", "");
                    assertThat(artwork).hasJSProperty("naturalWidth", 1);
                    assertThat(artwork.boundingBox().width).isEqualTo(64);
                    assertThat(page.locator("body")).not().hasCSS("overflow-x", "scroll");
                    assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth <= innerWidth"))
                            .as("no sideways scrolling at %d px", size[0]).isTrue();

                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> texts = (List<Map<String, Object>>) page.evaluate(PageContrast.SCRIPT);
                    assertThat(texts).as("the marked words are measured").anySatisfy(text ->
                            assertThat((String) text.get("what")).startsWith("MARK"));
                    assertThat(texts).as(scheme + " scheme").allSatisfy(text -> assertThat(
                            ((Number) text.get("ratio")).doubleValue()).as("%s", text.get("what")).isGreaterThanOrEqualTo(4.5));
                    screenshot(page, "rich-hit-" + scheme.name().toLowerCase() + "-" + size[0]);
                }
            }
        }
        assertThat(artworkRequests).as("artwork fetched without a referrer")
                .allSatisfy(referrer -> assertThat(referrer).isEqualTo("none"));
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void apiHitsHaveNeitherPlayerNorArtworkAndNoPlainHttpAudioIsPlayed() {
        apiSamples("pydantic");
        try (BrowserContext context = context(WIDTHS.get(1), ColorScheme.LIGHT)) {
            Page page = open(context, "?q=pydantic");

            Locator apiHits = page.locator("ol.results > li").filter(new Locator.FilterOptions()
                    .setHasNot(page.locator(".show", new Page.LocatorOptions().setHasText("The Real Python Podcast"))));
            assertThat(apiHits.first()).isVisible();
            assertThat(apiHits.locator("audio")).hasCount(0);
            assertThat(apiHits.locator("img")).hasCount(0);
            assertThat(page.locator("audio:not([src^='https://'])")).hasCount(0);
        }
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void theFiltersNarrowTheSearchByClicking() {
        try (BrowserContext context = context(WIDTHS.get(0), ColorScheme.LIGHT)) {
            Page page = open(context, "?q=python");
            assertThat(page.locator("details.filters")).not().hasAttribute("open", "");

            page.getByText("Filters").click();
            page.getByLabel("Podcast", EXACT).selectOption("realpython");
            page.getByLabel("Order", EXACT).selectOption("newest");
            page.getByLabel("Published from").fill("2020-06-10");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Search")).click();

            assertThat(page).hasURL(Pattern.compile("[?&]sources=realpython&sort=newest$"));
            assertThat(page.locator("details.filters")).hasAttribute("open", "");
            assertThat(page.getByLabel("Podcast", EXACT)).hasValue("realpython");
            assertThat(page.getByLabel("Published from")).hasValue("2020-06-10");
            assertThat(page.locator("ol.results > li .show")).hasText(new String[] {
                    "The Real Python Podcast", "The Real Python Podcast", "The Real Python Podcast" });
            assertThat(page.locator("ol.results > li time")).hasText(new String[] {
                    "26 June 2020", "19 June 2020", "12 June 2020" });
            assertThat(page.locator("ul.sources")).containsText("Talk Python To Me");
            screenshot(page, "filters");
        }
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void aSearchOffersItsOwnFeedToSubscribeTo() {
        try (BrowserContext context = context(WIDTHS.get(1), ColorScheme.LIGHT)) {
            Page page = open(context, "?q=python&max_duration=3600&sort=newest");

            Locator subscribe = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Subscribe to this search"));
            assertThat(subscribe).hasAttribute("href", "/search.rss?q=python&category=episode&max_duration=3600&sort=newest");
            assertThat(page.locator("head link[rel=alternate][type='application/rss+xml']"))
                    .hasAttribute("href", "/search.rss?q=python&category=episode&max_duration=3600&sort=newest");
        }
    }

    @Test
    void theEmptyPageNamesTheShowsAndOffersTwoSearches() {
        apiSamples("pydantic");
        try (BrowserContext context = context(WIDTHS.get(0), ColorScheme.DARK)) {
            Page page = open(context, "");

            assertThat(page.locator("main")).containsText(
                    "Searches Python Bytes, The Real Python Podcast and Talk Python To Me at once");
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("pydantic")).click();

            assertThat(page.getByLabel("Search episodes for")).hasValue("pydantic");
            assertThat(page.locator("ol.results > li").first()).isVisible();
            screenshot(page, "empty-then-example");
        }
        assertThat(consoleErrors).isEmpty();
    }

    private void apiSamples(String topic) {
        talkPython.answer(Reply.json(PodcastApiStubs.sample(PodcastApiStubs.TALK_PYTHON, topic)));
        pythonBytes.answer(Reply.json(PodcastApiStubs.sample(PodcastApiStubs.PYTHON_BYTES, topic)));
    }

    private BrowserContext context(int[] size, ColorScheme scheme) {
        BrowserContext context = chromium.browser().newContext(new Browser.NewContextOptions()
                .setViewportSize(size[0], size[1]).setColorScheme(scheme));
        context.addInitScript("document.addEventListener('securitypolicyviolation', e =>"
                + " console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        context.route("https://realpython.com/**", this::artwork);
        return context;
    }

    private void artwork(Route route) {
        artworkRequests.add(route.request().headers().getOrDefault("referer", "none"));
        route.fulfill(new Route.FulfillOptions().setStatus(200).setContentType("image/png").setBodyBytes(PICTURE));
    }

    private Page open(BrowserContext context, String query) {
        Page page = context.newPage();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") || message.type().equals("warning")) {
                consoleErrors.add(message.type() + ": " + message.text());
            }
        });
        page.onPageError(error -> consoleErrors.add("page error: " + error));
        page.navigate("http://localhost:" + RestAssured.port + "/" + query);
        return page;
    }

    private static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true).setPath(Path.of("target", "browser", name + ".png")));
    }
}
