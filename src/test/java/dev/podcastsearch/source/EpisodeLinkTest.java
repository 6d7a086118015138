package dev.podcastsearch.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What a source's link becomes before any caller sees it. */
class EpisodeLinkTest {

    private static final URI SITE = URI.create("https://talkpython.fm");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://talkpython.fm/episodes/show/376/pydantic-v2-the-plan, https://talkpython.fm/episodes/show/376/pydantic-v2-the-plan",
            "http://example.org/a?b=c#d, http://example.org/a?b=c#d",
            "HTTPS://talkpython.fm/x, HTTPS://talkpython.fm/x",
            "/episodes/show/376/pydantic-v2-the-plan, https://talkpython.fm/episodes/show/376/pydantic-v2-the-plan",
            "/episodes/show/1?ref=search#top, https://talkpython.fm/episodes/show/1?ref=search#top",
            "/%C3%BCber, https://talkpython.fm/%C3%BCber"
    })
    void webLinksAndSitePathsReachTheCallerAbsolute(String link, String expected) {
        assertThat(EpisodeLink.resolve(link, SITE)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "javascript:alert(document.domain)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "ftp://example.org/episode.mp3",
            "mailto:host@example.org",
            "//evil.example/episodes/show/1",
            "/\\evil.example/x",
            "\\\\evil.example\\x",
            "http:episodes/1",
            "https://",
            "episodes/show/1",
            "../etc/passwd",
            " https://talkpython.fm/x",
            "https://talkpython.fm/x\n",
            "/episodes/\r\nSet-Cookie: a=b",
            "https://talkpython.fm/\u0000",
            "https://talkpython.fm/\u0085",
            "https://talkpython.fm/\u2028",
            "",
    })
    void anythingElseIsLeftOut(String link) {
        assertThat(EpisodeLink.resolve(link, SITE)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://talkpython.fm/", "/" })
    void linksOverTwoThousandCharactersAreLeftOut(String start) {
        String link = start + "a".repeat(EpisodeLink.MAX_LENGTH);
        assertThat(EpisodeLink.resolve(link, SITE)).isEmpty();
        assertThat(EpisodeLink.resolve(link.substring(0, EpisodeLink.MAX_LENGTH - SITE.toString().length()), SITE))
                .isPresent();
    }
}
