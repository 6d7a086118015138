package dev.podcastsearch.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.podcastsearch.health.SourceStatus;
import dev.podcastsearch.search.SearchResponse;
import dev.podcastsearch.source.Hit;

/** What the page is given to print, from an answer, without Quarkus. */
class PageViewTest {

    private static final PageForm FORM = new PageForm("c++ & rust", "all", true);

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
        return PageView.answered("/prod/", FORM, response);
    }

    private static Hit hit(long id, String published) {
        return new Hit("talkpython", id, "episode", "Episode " + id, "https://talkpython.fm/episodes/" + id, "d", published);
    }
}
