package dev.podcastsearch.source.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fetch rule on addresses alone: nothing here connects anywhere. */
class AddressRuleTest {

    static final AddressRule ON_LAMBDA = new AddressRule(AddressRule.runtimeApi("127.0.0.1:9001"));

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "127.9.9.9", "0.0.0.0", "::1", "::", "::ffff:127.0.0.1", "localhost" })
    void theRuntimeApisPortIsNeverFetchedOnAnyLoopbackAddressEvenForAFeedOnLoopback(String host) {
        assertThat(ON_LAMBDA.allows(at(host, 9001), true)).isFalse();
        assertThat(ON_LAMBDA.allows(at(host, 8080), true)).as("another port on loopback, for a feed on loopback").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "169.254.169.254", "169.254.170.2", "fe80::1", "::ffff:169.254.169.254",
            "64:ff9b::a9fe:a9fe", "224.0.0.1", "255.255.255.255", "ff02::1" })
    void linkLocalMulticastAndBroadcastAddressesAreNeverFetched(String host) {
        assertThat(ON_LAMBDA.allows(at(host, 80), true)).isFalse();
        assertThat(ON_LAMBDA.allows(at(host, 80), false)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "127.0.0.1", "::1", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
            "192.168.1.1", "100.64.0.1", "fc00::1", "fd12:3456::1", "::ffff:10.0.0.1", "64:ff9b::a00:1" })
    void loopbackAndPrivateAddressesOnlyForASourceConfiguredOnOne(String host) {
        assertThat(ON_LAMBDA.allows(at(host, 80), false)).as("from a public feed").isFalse();
        assertThat(ON_LAMBDA.allows(at(host, 80), true)).as("from a feed configured on one").isTrue();
        assertThat(AddressRule.isInternal(address(host))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "203.0.113.10", "8.8.8.8", "172.32.0.1", "172.15.255.255", "100.128.0.1",
            "2001:db8::1", "::ffff:8.8.8.8" })
    void publicAddressesAreFetched(String host) {
        assertThat(ON_LAMBDA.allows(at(host, 443), false)).isTrue();
        assertThat(AddressRule.isInternal(address(host))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "  ", "no-port", "host:notaport" })
    void anUnreadableOrMissingRuntimeApiForbidsNoPortOfItsOwn(String value) {
        AddressRule rule = new AddressRule(AddressRule.runtimeApi(value));

        assertThat(rule.allows(at("127.0.0.1", 9001), true)).isTrue();
        assertThat(rule.allows(at("169.254.169.254", 80), true)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "[::1]:9001", "localhost:9001" })
    void theRuntimeApiIsReadInEveryFormTheRuntimeMayGiveIt(String value) {
        assertThat(AddressRule.runtimeApi(value)).map(InetSocketAddress::getPort).isEqualTo(Optional.of(9001));
        assertThat(new AddressRule(AddressRule.runtimeApi(value)).allows(at("127.0.0.1", 9001), true)).isFalse();
    }

    private static InetSocketAddress at(String host, int port) {
        return new InetSocketAddress(address(host), port);
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
