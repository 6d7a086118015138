package dev.podcastsearch.page;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ColorScheme;

import dev.podcastsearch.support.browser.PageContrast;
import dev.podcastsearch.support.browser.SystemChromium;
import dev.podcastsearch.support.upstream.InjectUpstream;
import dev.podcastsearch.support.upstream.Reply;
import dev.podcastsearch.support.upstream.ScriptedUpstream;
import dev.podcastsearch.support.upstream.Upstreams;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * The page in a real browser (the system's headless Chromium), served by the Lambda mock event server that the other
 * tests send their requests to: a real HTTP endpoint that turns each request into a Lambda event, as API Gateway
 * does. Each test leaves a screenshot in target/browser/.
 */
@QuarkusTest
@WithTestResource(Upstreams.class)
class SearchPageBrowserTest {

    private static SystemChromium chromium;

    @InjectUpstream("talkpython")
    ScriptedUpstream talkPython;

    @InjectUpstream("pythonbytes")
    ScriptedUpstream pythonBytes;

    private BrowserContext context;
    private Page page;
    private final List<String> consoleErrors = new ArrayList<>();

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
    void openPage() {
        context = chromium.browser().newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(390, 844).setJavaScriptEnabled(true));
        // Injected by the browser itself, so the page's CSP does not apply to it: any violation becomes a console error.
        context.addInitScript("document.addEventListener('securitypolicyviolation', e =>"
                + " console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        page = context.newPage();
        page.onConsoleMessage(message -> {
            if (message.type().equals("error") || message.type().equals("warning")) {
                consoleErrors.add(message.type() + ": " + message.text());
            }
        });
        page.onPageError(error -> consoleErrors.add("page error: " + error));
        talkPython.answer(Reply.json(talkPython(hits("Talk Python", "Episode", 3))));
        pythonBytes.answer(Reply.json(pythonBytes(hits("Python Bytes", "Episode", 2))));
    }

    @AfterEach
    void screenshot(TestInfo test) {
        page.screenshot(new Page.ScreenshotOptions().setFullPage(true)
                .setPath(Path.of("target", "browser", test.getTestMethod().orElseThrow().getName() + ".png")));
        context.close();
    }

    @Test
    void searchFromTheBoxShowsHitsFromEverySource() {
        page.navigate(home());
        page.getByLabel("Search episodes for").fill("rust");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Search")).click();

        assertThat(page).hasURL(home() + "?q=rust&category=episode&published_after=&published_before=&max_duration=&sources=&sort=relevance");
        assertThat(page.getByLabel("Search episodes for")).hasValue("rust");
        Locator results = page.locator("ol.results > li");
        assertThat(results).hasCount(5);
        assertThat(results.locator(".show")).containsText(new String[] {
                "Python Bytes", "Talk Python To Me", "Python Bytes", "Talk Python To Me", "Talk Python To Me" });
        assertThat(results.first().locator("h3 a")).hasText("Python Bytes hit 1");
        assertThat(results.first().locator("h3 a")).hasAttribute("href", "https://pythonbytes.fm/episodes/1");
        assertThat(page.locator("ul.sources")).containsText("Python Bytes answered: 2 results.");
        assertThat(page.locator("ul.sources")).containsText("Talk Python To Me answered: 3 results.");
        assertThat(page.locator("h1")).hasCount(1);
        assertThat(page.locator("link[rel=stylesheet]")).hasAttribute("href", "/page.css");
        assertThat(page.locator("body")).hasCSS("max-width", "736px");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void failingSourceIsNamedAndTheOthersHitsAreShown() {
        talkPython.answer(Reply.status(500, "text/plain", "boom"));

        page.navigate(home() + "?q=rust");

        assertThat(page.locator("ul.sources li.missing")).hasCount(1);
        assertThat(page.locator("ul.sources li.missing")).containsText("Talk Python To Me could not be searched");
        assertThat(page.locator("ul.sources li.answered")).hasText("Python Bytes answered: 2 results.");
        assertThat(page.locator("ol.results > li .show")).hasText(new String[] { "Python Bytes", "Python Bytes" });
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void maliciousTitleShowsAsTextWithoutCspViolationOrConsoleError() {
        String script = "<script>window.pwned = 1</script>";
        String image = "<img src=x onerror=\"window.pwned = 2\">";
        talkPython.answer(Reply.json("{\"keywords\": [], \"results\": [" + hit(1, "Episode", script,
                "desc " + image) + "]}"));
        pythonBytes.answer(Reply.json("{\"keywords\": [], \"episodes\": [" + hit(2, "Episode", image, script)
                .replace("\"id\"", "\"item_id\"") + "]}"));

        page.navigate(home() + "?q=" + "%3Cscript%3E");

        Locator titles = page.locator("ol.results > li h3");
        assertThat(titles).hasText(new String[] { image, script });
        assertThat(page.locator("ol.results > li p").last()).hasText("desc " + image);
        assertThat(page.locator("ol.results img")).hasCount(0);
        assertThat(page.locator("body script")).hasCount(0);
        assertThat(page.getByLabel("Search episodes for")).hasValue("<script>");
        assertThat(page.evaluate("() => typeof window.pwned")).isEqualTo("undefined");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void categoryFilterAndPagingWorkByClicking() {
        talkPython.answer(Reply.json(talkPython(hits("Talk Python", "Episode", 8) + ","
                + hits("Talk Python transcript", "Transcript", 2, 100))));
        pythonBytes.answer(Reply.json(pythonBytes(hits("Python Bytes", "Episode", 8))));
        page.navigate(home() + "?q=rust");
        assertThat(page.locator("p.count")).hasText("Results 1 to 10 of 16");

        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Next results")).click();
        assertThat(page.locator("p.count")).hasText("Results 11 to 16 of 16");
        assertThat(page.locator("ol.results > li")).hasCount(6);
        assertThat(page.locator("ol.results")).hasAttribute("start", "11");
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Next results"))).hasCount(0);
        page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Previous results")).click();
        assertThat(page.locator("p.count")).hasText("Results 1 to 10 of 16");

        page.getByLabel("Show").selectOption("transcript");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Search")).click();
        assertThat(page.locator("ol.results > li h3")).hasText(new String[] {
                "Talk Python transcript hit 1", "Talk Python transcript hit 2" });
        assertThat(page.getByLabel("Show")).hasValue("transcript");
        assertThat(page.getByLabel("Search episodes for")).hasValue("rust");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void keyboardAloneTypesSubmitsAndReachesTheFirstResult() {
        page.navigate(home());

        page.keyboard().press("Tab");
        assertThat(page.getByLabel("Search episodes for")).isFocused();
        page.keyboard().type("rust");
        page.keyboard().press("Enter");
        assertThat(page.locator("ol.results > li")).hasCount(5);

        Locator firstResult = page.locator("ol.results > li").first().locator("a");
        for (int tab = 0; tab < 10 && !isFocused(firstResult); tab++) {
            page.keyboard().press("Tab");
            assertThat(page.locator("ol.results a:focus").count())
                    .as("no later result is reached before the first").isLessThanOrEqualTo(isFocused(firstResult) ? 1 : 0);
        }
        assertThat(firstResult).isFocused();
        // Focus must show: the stylesheet's outline, not the browser's "none" for links clicked with a mouse.
        assertThat(firstResult.evaluate("a => getComputedStyle(a).outlineStyle")).isEqualTo("solid");
        assertThat(consoleErrors).isEmpty();
    }

    @Test
    void refusedInputIsSaidBesideItsField() {
        page.navigate(home() + "?q=" + "x".repeat(201));

        assertThat(page.getByLabel("Search episodes for")).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#q-error")).hasText("The search text is 201 characters long; at most 200 are allowed.");
        assertThat(page.getByLabel("Search episodes for")).hasAttribute("aria-describedby", "q-error");
        assertThat(consoleErrors).filteredOn(error -> !error.contains("400")).isEmpty();
    }

    /**
     * WCAG AA: every text on the page, the button's included, stands out from what is behind it by 4.5:1 or more, in
     * the light scheme and the dark one (white on the dark scheme's #7fb0ff button was 2.2:1).
     */
    @Test
    void everyTextMeetsAaContrastInLightAndDarkScheme() {
        talkPython.answer(Reply.status(500, "text/plain", "boom"));
        for (ColorScheme scheme : List.of(ColorScheme.LIGHT, ColorScheme.DARK)) {
            try (BrowserContext schemed = chromium.browser().newContext(new com.microsoft.playwright.Browser
                    .NewContextOptions().setViewportSize(390, 844).setColorScheme(scheme))) {
                Page styled = schemed.newPage();
                styled.navigate(home() + "?q=rust");
                assertThat(styled.locator("ul.sources li.missing")).hasCount(1);

                @SuppressWarnings("unchecked")
                List<Map<String, Object>> texts = (List<Map<String, Object>>) styled.evaluate(PageContrast.SCRIPT);
                assertThat(texts).as("texts measured").hasSizeGreaterThan(10);
                assertThat(texts).as(scheme + " scheme").allSatisfy(text -> assertThat(
                        ((Number) text.get("ratio")).doubleValue()).as("%s", text.get("what")).isGreaterThanOrEqualTo(4.5));
            }
        }
    }

    /** Search engines show the description under the page's title; Lighthouse's SEO audit asks for it and robots.txt. */
    @Test
    void pageDescribesItselfForSearchEngines() {
        page.navigate(home());

        assertThat(page.locator("head meta[name=description]")).hasAttribute("content",
                java.util.regex.Pattern.compile("^.{50,160}$"));
        // Lighthouse reads /robots.txt from inside the page, held to its policy; none is served, which is fine.
        assertThat(page.evaluate("() => fetch('/robots.txt').then(answer => answer.status)")).isEqualTo(404);
    }

    private static boolean isFocused(Locator locator) {
        return (Boolean) locator.evaluate("element => element === document.activeElement");
    }

    private static String home() {
        return "http://localhost:" + RestAssured.port + "/";
    }

    private static String hits(String title, String category, int count) {
        return hits(title, category, count, 0);
    }

    private static String hits(String title, String category, int count, int firstId) {
        return IntStream.rangeClosed(1, count)
                .mapToObj(n -> hit(firstId + n, category, title + " hit " + n, "About " + title + " " + n))
                .collect(Collectors.joining(","));
    }

    private static String hit(int id, String category, String title, String description) {
        return "{\"id\": " + id + ", \"category\": \"" + category + "\", \"url\": \"/episodes/" + id + "\", \"title\": "
                + json(title) + ", \"description\": " + json(description) + "}";
    }

    private static String talkPython(String hits) {
        return "{\"keywords\": [\"rust\"], \"results\": [" + hits + "]}";
    }

    private static String pythonBytes(String hits) {
        return "{\"keywords\": [\"rust\"], \"episodes\": [" + hits.replace("\"id\"", "\"item_id\"") + "]}";
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
