package dev.podcastsearch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.podcastsearch.source.Filterable;
import dev.podcastsearch.source.Hit;
import dev.podcastsearch.source.PodcastSource;
import dev.podcastsearch.source.SourceResult;
import io.smallrye.mutiny.Uni;

/** The filters, the choice of sources, the order and explain, read from a query string without Quarkus. */
class SearchRequestTest {

    private static final List<String> SOURCE_IDS = List.of("pythonbytes", "realpython", "talkpython");
    private static final PodcastSource API = new Source("talkpython", Set.of());
    private static final PodcastSource FEED = new Source("realpython", EnumSet.allOf(Filterable.class));

    @Test
    void withNoneGivenEverySourceIsAskedByRelevanceWithoutExplaining() {
        SearchRequest request = request("q=rust");

        assertThat(request.sources()).containsExactlyInAnyOrderElementsOf(SOURCE_IDS);
        assertThat(request.sort()).isEqualTo(Sort.RELEVANCE);
        assertThat(request.explain()).isFalse();
        assertThat(request.filters()).isEqualTo(new SearchFilters(null, null, null, null));
        assertThat(request.skipReason(API)).isEmpty();
    }

    @Test
    void aDateIsAWholeDayInUtcBothAfterAndBefore() {
        SearchFilters filters = request("q=rust&published_after=2024-01-01&published_before=2024-12-31").filters();

        assertThat(filters.publishedAfter()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(filters.publishedBefore()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(filters.passes(published("2024-01-01T00:00:00Z"))).isTrue();
        assertThat(filters.passes(published("2024-12-31T23:59:59Z"))).isTrue();
        assertThat(filters.passes(published("2023-12-31T23:59:59Z"))).isFalse();
        assertThat(filters.passes(published("2025-01-01T00:00:00Z"))).isFalse();
    }

    @Test
    void aDateTimeIsExactWithItsOffsetAfterIncludedBeforeNot() {
        SearchFilters filters = request("q=rust&published_after=2024-03-08T12:00:00%2B02:00"
                + "&published_before=2024-03-08t12:30:00.5z").filters();

        assertThat(filters.publishedAfter()).isEqualTo(Instant.parse("2024-03-08T10:00:00Z"));
        assertThat(filters.publishedBefore()).isEqualTo(Instant.parse("2024-03-08T12:30:00.500Z"));
        assertThat(filters.passes(published("2024-03-08T10:00:00Z"))).isTrue();
        assertThat(filters.passes(published("2024-03-08T12:30:00.500Z"))).isFalse();
    }

    @Test
    void aHitWithoutADateOrDurationPassesNoFilterOnIt() {
        assertThat(request("q=rust&published_after=2000-01-01").filters().passes(published(null))).isFalse();
        assertThat(request("q=rust&min_duration=0").filters().passes(lasting(null))).isFalse();
        assertThat(request("q=rust").filters().passes(published(null))).isTrue();
    }

    @Test
    void durationBoundsAreIncluded() {
        SearchFilters filters = request("q=rust&min_duration=600&max_duration=3600").filters();

        assertThat(filters.passes(lasting(600L))).isTrue();
        assertThat(filters.passes(lasting(3600L))).isTrue();
        assertThat(filters.passes(lasting(599L))).isFalse();
        assertThat(filters.passes(lasting(3601L))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "2024-1-31", "2024-02-30", "20240131", "2024-01-31T10:00Z", "2024-01-31T10:00:00",
            "2024-01-31T10:00:00+0200", "2024-01-31T10:00:00+24:00", "2024-01-31T24:00:00Z", "2024-01-31 10:00:00Z",
            "yesterday", "", "\u0662\u0660\u0662\u0664-01-31" })
    void aValueThatIsNoRfc3339DateIsRefusedNamingTheParameter(String value) {
        for (String name : List.of("published_after", "published_before")) {
            assertThatThrownBy(() -> SearchRequest.of(parameters("q=rust&" + name + "="
                    + encoded(value)), SOURCE_IDS))
                    .isInstanceOfSatisfying(InvalidParameter.class, refused -> {
                        assertThat(refused.parameter()).isEqualTo(name);
                        assertThat(refused.getMessage()).isEqualTo(name + " must be an RFC 3339 date, 2024-01-31 (a"
                                + " whole day in UTC), or date-time with an offset, 2024-01-31T18:30:00Z");
                    });
        }
    }

    @Test
    void beforeNotLaterThanAfterIsRefused() {
        refused("q=rust&published_after=2024-02-01T00:00:00Z&published_before=2024-01-31", "published_before",
                "published_before must be later than published_after");
    }

    @ParameterizedTest
    @ValueSource(strings = { "-1", "86401", "1.5", "+60", "", "1e3", "0x10", "sixty" })
    void aDurationOutsideADayInWholeSecondsIsRefused(String value) {
        refused("q=rust&min_duration=" + encoded(value), "min_duration",
                "min_duration must be a whole number from 0 to 86400 (seconds; no limit when not given)");
        refused("q=rust&max_duration=" + encoded(value), "max_duration",
                "max_duration must be a whole number from 0 to 86400 (seconds; no limit when not given)");
    }

    @Test
    void maxDurationBelowMinDurationIsRefused() {
        refused("q=rust&min_duration=600&max_duration=599", "max_duration",
                "max_duration must not be less than min_duration");
    }

    @Test
    void sourcesNamesWhichToAskAndTheOthersAreSkipped() {
        SearchRequest request = request("q=rust&sources=realpython,realpython");

        assertThat(request.sources()).containsExactly("realpython");
        assertThat(request.skipReason(FEED)).isEmpty();
        assertThat(request.skipReason(API)).hasValue(SearchRequest.NOT_CHOSEN);
    }

    @ParameterizedTest
    @ValueSource(strings = { "youtube", "", ",", "talkpython,", "TalkPython", "talkpython,,pythonbytes",
            " talkpython" })
    void sourcesThatNamesNoSourceThereIsIsRefusedNamingTheKnownOnes(String value) {
        refused("q=rust&sources=" + encoded(value), "sources", "sources must be a comma-separated"
                + " list of source ids, each one of pythonbytes, realpython, talkpython (every source when not given)");
    }

    @Test
    void aSourceWhoseHitsCannotBeJudgedIsSkippedNamingTheFilters() {
        SearchRequest request = request("q=rust&published_before=2024-01-01&min_duration=60&max_duration=600");

        assertThat(request.skipReason(API)).hasValue("cannot apply published_before, min_duration, max_duration");
        assertThat(request.skipReason(FEED)).isEmpty();
    }

    @Test
    void sortAndExplainAreReadInAnyAsciiCase() {
        SearchRequest request = request("q=rust&sort=NeWeSt&explain=TRUE");

        assertThat(request.sort()).isEqualTo(Sort.NEWEST);
        assertThat(request.explain()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({ "sort, newest\u0131, sort must be relevance or newest (relevance when not given)",
            "sort, date, sort must be relevance or newest (relevance when not given)",
            "explain, yes, explain must be true or false (false when not given; true adds each hit's score and ranks)",
            "explain, tru\u0435, explain must be true or false (false when not given; true adds each hit's score and"
                    + " ranks)" })
    void sortOrExplainOtherThanAllowedIsRefused(String name, String value, String rule) {
        refused("q=rust&" + name + "=" + encoded(value), name, rule);
    }

    @Test
    void eachNewParameterGivenTwiceIsRefused() {
        for (String part : List.of("published_after=2024-01-01", "published_before=2024-01-01", "min_duration=1",
                "max_duration=1", "sources=talkpython", "sort=newest", "explain=true")) {
            String name = part.substring(0, part.indexOf('='));
            refused("q=rust&" + part + "&" + part, name, name + " must be given once, not 2 times");
        }
    }

    @Test
    void thePageReadsTheSameFilters() {
        SearchRequest request = SearchRequest.partialOf(parameters("q=rust&sources=realpython&min_duration=60"
                + "&sort=newest"), 10, SOURCE_IDS);

        assertThat(request.partial()).isTrue();
        assertThat(request.sources()).containsExactly("realpython");
        assertThat(request.filters().minDuration()).isEqualTo(60);
        assertThat(request.sort()).isEqualTo(Sort.NEWEST);
    }

    @Test
    void newestFirstPutsUndatedHitsLastAndKeepsRelevanceOrderForTies() {
        List<Hit> byRelevance = List.of(published("undated-1", null), published("old", "2020-01-01T00:00:00Z"),
                published("undated-2", null), published("new", "2024-01-01T00:00:00Z"),
                published("new-too", "2024-01-01T00:00:00Z"));

        assertThat(Sort.NEWEST.order(byRelevance)).extracting(Hit::title)
                .containsExactly("new", "new-too", "old", "undated-1", "undated-2");
        assertThat(Sort.RELEVANCE.order(byRelevance)).isEqualTo(byRelevance);
    }

    private static SearchRequest request(String query) {
        return SearchRequest.of(parameters(query), SOURCE_IDS);
    }

    private static QueryParameters parameters(String query) {
        return QueryParameters.parse(query);
    }

    private static void refused(String query, String parameter, String rule) {
        assertThatThrownBy(() -> request(query)).as(query).isInstanceOfSatisfying(InvalidParameter.class, refused -> {
            assertThat(refused.parameter()).isEqualTo(parameter);
            assertThat(refused.getMessage()).isEqualTo(rule);
        });
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Hit published(String published) {
        return published("t", published);
    }

    private static Hit published(String title, String published) {
        return new Hit("realpython", 1, "episode", title, null, "d", published);
    }

    private static Hit lasting(Long seconds) {
        return new Hit("realpython", 1, "episode", "t", null, "d", null, null, null, seconds, null, null, null, null,
                null, null, null, null, null, null, null, null);
    }

    private record Source(String id, Set<Filterable> filterable) implements PodcastSource {

        @Override
        public String name() {
            return id;
        }

        @Override
        public Uni<SourceResult> search(String query, boolean moments) {
            throw new UnsupportedOperationException("only asked what it can filter by");
        }

        @Override
        public void close() {
        }
    }
}
