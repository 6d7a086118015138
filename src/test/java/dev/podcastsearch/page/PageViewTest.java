package dev.podcastsearch.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.podcastsearch.health.SourceStatus;
import dev.podcastsearch.index.Highlight;
import dev.podcastsearch.search.SearchResponse;
import dev.podcastsearch.source.Hit;

/** What the page is given to print, from an answer, without Quarkus. */
class PageViewTest {

    private static final PageForm FORM = new PageForm("c++ & rust", "all", Map.of(), true);

    @Test
    void dateIsShownWhenTheSourceGivesOneAndLeftOutWhenNotOrUnreadable() {
        PageView view = view(0, 3, List.of(hit(1, "2024-03-08T12:00:00Z"), hit(2, null), hit(3, "last Tuesday")));

        assertThat(view.hits()).extracting(PageView.PageHit::date).containsExactly("8 March 2024", null, null);
        assertThat(view.hits()).extracting(PageView.PageHit::published).containsExactly("2024-03-08T12:00:00Z", null, null);
    }

    @Test
    void pagingLinksKeepTheBasePathAndEncodeTheQuery() {
        PageView view = view(10, 25, List.of(hit(11, null)));

        assertThat(view.paging().previous()).isEqualTo("/prod/?q=c%2B%2B+%26+rust&category=all");
        assertThat(view.paging().next()).isEqualTo("/prod/?q=c%2B%2B+%26+rust&category=all&offset=20");
        assertThat(view.paging().first()).isEqualTo(11);
    }

    @Test
    void linkThatIsNotHttpNeverBecomesAnHref() {
        Hit hit = new Hit("talkpython", 1, "episode", "t", "javascript:alert(1)", "d", null);

        assertThat(view(0, 1, List.of(hit)).hits().get(0).url()).isNull();
    }

    private static PageView view(int offset, int total, List<Hit> hits) {
        SearchResponse response = new SearchResponse("c++ & rust", "all", List.of(), 1, true, total, 10, offset,
                List.of(new SearchResponse.SourceSummary("talkpython", "Talk Python To Me", 1, hits.size(),
                        SourceStatus.OK, null, null, null)),
                hits);
        return view(FORM, response);
    }

    private static Hit hit(long id, String published) {
        return new Hit("talkpython", id, "episode", "Episode " + id, "https://talkpython.fm/episodes/" + id, "d", published);
    }

    private static PageView view(PageForm form, SearchResponse response) {
        return PageView.answered("/prod/", form, List.of(new PageView.Show("talkpython", "Talk Python To Me")), response);
    }

    @Test
    void pagingAndTheFeedKeepTheFilters() {
        PageForm form = new PageForm("rust", "episode", Map.of("sources", "talkpython", "sort", "newest"), true);
        SearchResponse response = new SearchResponse("rust", "episode", List.of(), 1, true, 25, 10, 0, List.of(),
                List.of(hit(1, null)));

        PageView view = view(form, response);

        assertThat(view.paging().next()).isEqualTo("/prod/?q=rust&category=episode&sources=talkpython&sort=newest&offset=10");
        assertThat(view.feed()).isEqualTo("/prod/search.rss?q=rust&category=episode&sources=talkpython&sort=newest");
        assertThat(view.shows()).extracting(PageView.Choice::value).containsExactly("", "talkpython");
        assertThat(view.shows().get(1).selected()).isTrue();
    }

    /** Ranges count UTF-16 code units, as Java does: an emoji before a match takes two. */
    @Test
    void highlightsBecomeMarkedRunsOfTheirText() {
        Hit hit = withHighlights(List.of(new Highlight("title", "\uD83D\uDC0D Rust and rust", List.of(List.of(3, 7), List.of(12, 16))),
                new Highlight("description", "\u2026 learn rust \u2026", List.of(List.of(8, 12)))));

        List<PageView.Piece> title = PageView.marked(hit, "title", hit.title());
        List<PageView.Piece> description = PageView.marked(hit, "description", hit.description());

        assertThat(title).containsExactly(new PageView.Piece("\uD83D\uDC0D ", false), new PageView.Piece("Rust", true),
                new PageView.Piece(" and ", false), new PageView.Piece("rust", true));
        assertThat(description).containsExactly(new PageView.Piece("\u2026 learn ", false), new PageView.Piece("rust", true),
                new PageView.Piece(" \u2026", false));
        assertThat(PageView.marked(hit("x", null), "title", "Plain")).containsExactly(new PageView.Piece("Plain", false));
    }

    @Test
    void durationIsSaidAsPeopleSayIt() {
        assertThat(PageView.duration(null)).isNull();
        assertThat(PageView.duration(45L)).isEqualTo("45 s");
        assertThat(PageView.duration(2718L)).isEqualTo("45 min");
        assertThat(PageView.duration(3332L)).isEqualTo("56 min");
        assertThat(PageView.duration(3900L)).isEqualTo("1 h 05 min");
    }

    /** The page's Content-Security-Policy lets the browser load audio and artwork over https only. */
    @Test
    void audioAndArtworkAreShownOnlyOverHttps() {
        Hit secure = rich("https://cdn.example/1.mp3", "https://cdn.example/1.jpg");
        Hit plain = rich("http://cdn.example/1.mp3", "http://cdn.example/1.jpg");

        PageView.PageHit shown = view(0, 2, List.of(secure, plain)).hits().get(0);
        PageView.PageHit left = view(0, 2, List.of(secure, plain)).hits().get(1);

        assertThat(shown.audio()).isEqualTo("https://cdn.example/1.mp3");
        assertThat(shown.audioType()).isEqualTo("audio/mpeg");
        assertThat(shown.image()).isEqualTo("https://cdn.example/1.jpg");
        assertThat(left.audio()).isNull();
        assertThat(left.image()).isNull();
    }

    private static Hit hit(String title, List<Highlight> highlights) {
        return new Hit("realpython", 1, "episode", title, "https://realpython.com/1", "learn rust", null, null, null,
                null, null, null, null, null, null, null, null, highlights, null, null, null,
                null);
    }

    private static Hit withHighlights(List<Highlight> highlights) {
        return hit("\uD83D\uDC0D Rust and rust", highlights);
    }

    private static Hit rich(String audio, String image) {
        return new Hit("realpython", 1, "episode", "t", "https://realpython.com/1", "d", null, audio, "audio/mpeg",
                600L, image, null, null, null, null, null, null, null, null, null, null, null);
    }
}
