package dev.podcastsearch.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the query string is read, without the HTTP layers around it. */
class QueryParametersTest {

    @Test
    void valuesAreDecodedAsUtf8WithPlusAsSpace() {
        assertThat(QueryParameters.parse("q=c%2B%2B+%26+rust+%231+100%25+%c3%bcn%C3%AFc%C3%B8d%C3%A9").single("q"))
                .hasValue("c++ & rust #1 100% ünïcødé");
    }

    @Test
    void onlyTheFirstEqualsSignEndsTheName() {
        assertThat(QueryParameters.parse("q=a=b").single("q")).hasValue("a=b");
    }

    /** RequestTarget percent-encodes every other character before any query is read, so none reaches here raw. */
    @Test
    void characterOutsideAsciiIsNoValueAsSent() {
        assertThatThrownBy(() -> QueryParameters.parse("q=\u00fc").single("q")).isInstanceOf(InvalidParameter.class);
    }

    @Test
    void emptyPartsAreSkipped() {
        assertThat(QueryParameters.parse("&&q=rust&&").single("q")).hasValue("rust");
    }

    @Test
    void parameterNotGivenIsEmpty() {
        assertThat(QueryParameters.parse(null).single("q")).isEmpty();
        assertThat(QueryParameters.parse("").single("q")).isEmpty();
        assertThat(QueryParameters.parse("Q=rust").single("q")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "q=%", "q=a%2", "q=%G1", "q=%FF", "q=%C3", "q=%ED%A0%80", "q=%F4%90%80%80", "q=a\uDC00",
            "q=a\uD83C", "q=\uD83Ca" })
    void valueThatIsNoUtf8TextIsRefused(String query) {
        assertThatThrownBy(() -> QueryParameters.parse(query).single("q"))
                .isInstanceOf(InvalidParameter.class)
                .hasMessageContaining("percent-encoded UTF-8");
    }

    /** A name that cannot be decoded is no name the search reads, and does not stop it from reading the others. */
    @Test
    void parameterWithAnUndecodableNameIsIgnored() {
        assertThat(QueryParameters.parse("%FF=x&q%=y&q=rust").single("q")).hasValue("rust");
    }

    @Test
    void refusedValueIsLoggedAsSent() {
        assertThat(QueryParameters.parse("q=caf%E9&q=rust").valuesAsSent("q")).containsExactly("caf%E9", "rust");
    }
}
