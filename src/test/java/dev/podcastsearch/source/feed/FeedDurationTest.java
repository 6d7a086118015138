package dev.podcastsearch.source.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** itunes:duration as hosts write it, read to the whole seconds a podcast app shows, or to none rather than a guess. */
class FeedDurationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            00:55:32        | 3332
            1:02:03         | 3723
            01:00:00        | 3600
            10:00:00        | 36000
            55:32           | 3332
            5:07            | 307
            90:00           | 5400
            3332            | 3332
            3332.4          | 3332
            3332.5          | 3333
            00:55:32.250    | 3332
            55:59.6         | 3360
            007             | 7
            '  3332  '      | 3332
            '\t00:55:32\t'  | 3332
            604800          | 604800
            """)
    void readsTo(String duration, long seconds) {
        assertThat(FeedDuration.read(duration)).isEqualTo(seconds);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = { "", "   ", "0", "00:00:00", "0.2", "-30", "+30", "1h 2m", "PT55M32S", "55 min",
            "3332s", "55:32 min", "1:2:3:4", "1:60:00", "1:05:60", "55:60", "1:123:00", "55:123", ":30", "30:",
            "1::30", "3332,5", "3332.", ".5", "1e3", "55:32.5.1", "١٢٣", "604801", "99999999999999999999",
            "1000000:00:00", "NaN" })
    void readsToNone(String duration) {
        assertThat(FeedDuration.read(duration)).isNull();
    }
}
