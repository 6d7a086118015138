package dev.podcastsearch.page;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The page as HTML, against the WireMock stand-ins; what a browser makes of it is in {@code SearchPageBrowserTest}. */
@QuarkusTest
class SearchPageTest {

    @Test
    void emptyPageIsTheFormWithItsSecurityHeaders() {
        given().accept("text/html")
                .when().get("/")
                .then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", is(SearchPage.CONTENT_SECURITY_POLICY))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("img-src 'self' data: https:;"))
                .header("Content-Security-Policy", containsString("media-src https:;"))
                .header("Referrer-Policy", is("no-referrer"))
                .header("X-Content-Type-Options", is("nosniff"))
                .body(containsString("<html lang=\"en\">"))
                .body(containsString("<label for=\"q\">"))
                .body(containsString("href=\"/page.css\""))
                .body(not(containsString("<script")));
    }

    @Test
    void emptyPageNamesTheShowsSearchedAndOffersExamples() {
        given().accept("text/html")
                .when().get("/")
                .then().statusCode(200)
                .body(containsString("Searches Python Bytes and Talk Python To Me at once"))
                .body(containsString("<a href=\"/?q=pydantic\">pydantic</a>"))
                .body(containsString("<a href=\"/?q=fastapi\">fastapi</a>"));
    }

    /** A form sends its empty fields too; an empty filter is no filter. */
    @Test
    void emptyFiltersFromTheFormAreNotGiven() {
        given().accept("text/html")
                .when().get("/?q=pydantic&category=episode&published_after=&published_before=&max_duration=&sources=&sort=relevance")
                .then().statusCode(200)
                .body(containsString("Talk Python To Me answered: 3 results."))
                .body(containsString("href=\"/search.rss?q=pydantic&amp;category=episode\""));
    }

    @Test
    void resultsAreListedWithEachSourceStatus() {
        given().accept("text/html").queryParam("q", "pydantic")
                .when().get("/")
                .then().statusCode(200)
                .body(containsString("Python Bytes answered: 2 results."))
                .body(containsString("Talk Python To Me answered: 3 results."))
                .body(containsString("<a href=\"https://talkpython.fm/episodes/show/376/pydantic-v2-the-plan\">Pydantic v2 - The Plan</a>"))
                .body(containsString("value=\"pydantic\""));
    }

    @Test
    void noHitsSaysSo() {
        given().accept("text/html").queryParam("q", "cobol")
                .when().get("/")
                .then().statusCode(200)
                .body(containsString("No episodes match \u201Ccobol\u201D."));
    }

    @Test
    void refusedInputIsShownNextToItsFieldAsTheApiRulesSay() {
        given().accept("text/html").queryParam("q", "x".repeat(201))
                .when().get("/")
                .then().statusCode(400)
                .contentType(startsWith("text/html"))
                .body(containsString("<p class=\"error\" id=\"q-error\">The search text is 201 characters long; at most 200 are allowed.</p>"));
        given().accept("text/html").queryParam("q", "rust").queryParam("category", "podcast")
                .when().get("/")
                .then().statusCode(400)
                .body(containsString("id=\"category-error\">The category must be one of episode, transcript, chapter or all"));
    }

    @Test
    void stylesheetIsServedByTheFunction() {
        given().when().get("/page.css")
                .then().statusCode(200)
                .contentType(startsWith("text/css"))
                .body(containsString(":focus-visible"));
    }

    @Test
    void theApiStillAnswersJsonOnly() {
        given().accept("application/json").when().get("/")
                .then().statusCode(406)
                .contentType("application/problem+json");
    }
}
