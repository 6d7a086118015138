package dev.podcastsearch.source.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** pubDates as hosts write them, each read to the instant a podcast app shows, or to none rather than a guess. */
class FeedDateTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Tue, 01 Oct 2019 14:30:00 PST         | 2019-10-01T22:30:00Z
            Tue, 01 Oct 2019 14:30:00 PDT         | 2019-10-01T21:30:00Z
            Tue, 01 Oct 2019 14:30:00 MST         | 2019-10-01T21:30:00Z
            Tue, 01 Oct 2019 14:30:00 MDT         | 2019-10-01T20:30:00Z
            Tue, 01 Oct 2019 14:30:00 CST         | 2019-10-01T20:30:00Z
            Tue, 01 Oct 2019 14:30:00 CDT         | 2019-10-01T19:30:00Z
            Tue, 01 Oct 2019 14:30:00 EST         | 2019-10-01T19:30:00Z
            Tue, 01 Oct 2019 14:30:00 EDT         | 2019-10-01T18:30:00Z
            Tue, 01 Oct 2019 14:30:00 GMT         | 2019-10-01T14:30:00Z
            Tue, 01 Oct 2019 14:30:00 UT          | 2019-10-01T14:30:00Z
            Tue, 01 Oct 2019 14:30:00 UTC         | 2019-10-01T14:30:00Z
            Tue, 01 Oct 2019 14:30:00 pst         | 2019-10-01T22:30:00Z
            Tue, 01 Oct 2019 14:30:00 Z           | 2019-10-01T14:30:00Z
            Tue, 01 Oct 2019 14:30:00 A           | 2019-10-01T14:30:00Z
            Tue, 01 Oct 2019 14:30:00 Y           | 2019-10-01T14:30:00Z
            Tue, 01 Oct 2019 14:30:00 +0000       | 2019-10-01T14:30:00Z
            Tue, 01 Oct 2019 14:30:00 -0700       | 2019-10-01T21:30:00Z
            Tue, 01 Oct 2019 14:30:00 +01:00      | 2019-10-01T13:30:00Z
            Tue, 01 Oct 2019 14:30:00 +0530       | 2019-10-01T09:00:00Z
            Tue, 01 Oct 2019 14:30:00 -0000       | 2019-10-01T14:30:00Z
            Wed, 23 Dec 2010 01:30:00 GMT         | 2010-12-23T01:30:00Z
            Sunday, 23 Dec 2010 01:30:00 GMT      | 2010-12-23T01:30:00Z
            01 Oct 2019 14:30:00 +0000            | 2019-10-01T14:30:00Z
            Tue, 1 Oct 2019 14:30 +0000           | 2019-10-01T14:30:00Z
            Tue, 1 Oct 19 14:30:00 +0000          | 2019-10-01T14:30:00Z
            Fri, 20 Nov 98 09:15 -0500            | 1998-11-20T14:15:00Z
            Tue, 01 Sept 2019 14:30:00 GMT        | 2019-09-01T14:30:00Z
            Tue,01 Oct 2019 14:30:00 GMT          | 2019-10-01T14:30:00Z
            Tue, 01 Oct 2019 14:30:00 GMT (UTC)   | 2019-10-01T14:30:00Z
            Tue, 01 Oct 2019 14:30:00             | 2019-10-01T14:30:00Z
            Tue, 01 Oct 2019 14:30:00.123 +0000   | 2019-10-01T14:30:00Z
            '  Tue, 01 Oct 2019 14:30:00 GMT  '   | 2019-10-01T14:30:00Z
            2019-10-01T14:30:00Z                  | 2019-10-01T14:30:00Z
            2019-10-01T14:30:00.5+02:00           | 2019-10-01T12:30:00.5Z
            2019-10-01T14:30:00                   | 2019-10-01T14:30:00Z
            2019-10-01 14:30:00                   | 2019-10-01T14:30:00Z
            2019-10-01                            | 2019-10-01T00:00:00Z
            """)
    void readsTo(String pubDate, String expected) {
        assertThat(FeedDate.read(pubDate)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "", "   ", "yesterday", "Tue, 01 Oct 2019 14:30:00 CET", "Tue, 01 Oct 2019 14:30:00 IST",
            "Tue, 01 Oct 2019 14:30:00 J", "Tue, 31 Feb 2019 14:30:00 GMT", "Tue, 01 Foo 2019 14:30:00 GMT",
            "Tue, 01 Oct 2019 25:30:00 GMT", "Tue, 01 Oct 2019 14:30:00 +2500", "2019-13-01T00:00:00Z",
            "1569940200" })
    void readsToNone(String pubDate) {
        assertThat(FeedDate.read(pubDate)).isNull();
    }
}
