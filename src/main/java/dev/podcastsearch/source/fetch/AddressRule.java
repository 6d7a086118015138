package dev.podcastsearch.source.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Where a fetch from a URL that a source supplied may connect: the address a host name resolved to, checked just before
 * the connection is opened to exactly that address, for the first request and for every redirect. A feed's host (and
 * whoever it redirects to) must not be able to point the function at what only the function can reach:
 * <ul>
 * <li>never the Lambda Runtime API or Extensions API ({@code AWS_LAMBDA_RUNTIME_API}): a GET of its
 * {@code /runtime/invocation/next} would take the next invocation away from the runtime. When that API is on loopback,
 * its port on every loopback address and on {@code 0.0.0.0} / {@code ::}, which reach loopback too;</li>
 * <li>never a link-local address ({@code 169.254.0.0/16}, {@code fe80::/10}: instance metadata on other platforms), a
 * multicast or a broadcast one;</li>
 * <li>loopback ({@code 127.0.0.0/8}, {@code ::1}, {@code 0.0.0.0/8}, {@code ::}) and private networks
 * ({@code 10.0.0.0/8}, {@code 172.16.0.0/12}, {@code 192.168.0.0/16}, {@code 100.64.0.0/10}, {@code fc00::/7}) only
 * for a source whose configured URL itself is on such an address (dev mode's stand-ins, the tests, a feed in a VPC on
 * purpose): a public feed can never lead into them.</li>
 * </ul>
 * IPv4 addresses written as IPv6 ({@code ::ffff:a.b.c.d}, NAT64's {@code 64:ff9b::/96}) are judged as the IPv4 address.
 */
public final class AddressRule {

    /** The reason a refused fetch gives: it names the rule, never the address. */
    public static final String REFUSED = "an address that is not fetched";

    private final Optional<InetSocketAddress> runtimeApi;

    AddressRule(Optional<InetSocketAddress> runtimeApi) {
        this.runtimeApi = runtimeApi;
    }

    /** The rule on this instance: the Runtime API is where {@code AWS_LAMBDA_RUNTIME_API} says, if it is set. */
    public static AddressRule ofThisInstance() {
        return new AddressRule(runtimeApi(System.getenv("AWS_LAMBDA_RUNTIME_API")));
    }

    /** {@code host:port} as the Lambda runtime gives it ({@code [v6]:port} too), resolved once; empty when unset or unreadable. */
    static Optional<InetSocketAddress> runtimeApi(String hostAndPort) {
        if (hostAndPort == null || hostAndPort.isBlank()) {
            return Optional.empty();
        }
        int colon = hostAndPort.lastIndexOf(':');
        try {
            String host = hostAndPort.substring(0, colon).replace("[", "").replace("]", "");
            int port = Integer.parseInt(hostAndPort.substring(colon + 1));
            return Optional.of(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (RuntimeException | UnknownHostException unreadable) {
            return Optional.empty();
        }
    }

    /** Whether a source whose configured URL is at {@code configured} may reach internal networks at all. */
    public static boolean isInternal(InetAddress configured) {
        InetAddress address = unmapped(configured);
        return isLoopback(address) || isPrivate(address);
    }

    /**
     * Whether a fetch may connect to {@code target}; {@code internalAllowed} when the source's configured URL is
     * itself on an internal address.
     */
    public boolean allows(InetSocketAddress target, boolean internalAllowed) {
        InetAddress address = unmapped(target.getAddress());
        if (isRuntimeApi(address, target.getPort())) {
            return false;
        }
        if (address.isLinkLocalAddress() || address.isMulticastAddress() || isBroadcast(address)) {
            return false;
        }
        return internalAllowed || !(isLoopback(address) || isPrivate(address));
    }

    private boolean isRuntimeApi(InetAddress address, int port) {
        if (runtimeApi.isEmpty() || runtimeApi.get().getPort() != port) {
            return false;
        }
        InetAddress api = unmapped(runtimeApi.get().getAddress());
        return api.equals(address) || isLoopback(api) && isLoopback(address);
    }

    private static boolean isLoopback(InetAddress address) {
        // 0.0.0.0/8 and :: are "this host": connecting to them reaches loopback.
        return address.isLoopbackAddress() || address.isAnyLocalAddress()
                || address instanceof Inet4Address && address.getAddress()[0] == 0;
    }

    private static boolean isPrivate(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xFF;
            int second = bytes[1] & 0xFF;
            return first == 10 || first == 172 && second >= 16 && second <= 31 || first == 192 && second == 168
                    || first == 100 && second >= 64 && second <= 127;
        }
        // fc00::/7 (unique local), and the deprecated site-local fec0::/10.
        return (bytes[0] & 0xFE) == 0xFC || address.isSiteLocalAddress();
    }

    private static boolean isBroadcast(InetAddress address) {
        return address instanceof Inet4Address && Arrays.equals(address.getAddress(), new byte[] { -1, -1, -1, -1 });
    }

    /** An IPv4 address that IPv6 carries (mapped, or NAT64's well-known prefix) as that IPv4 address. */
    static InetAddress unmapped(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = address.getAddress();
        boolean mapped = isZero(bytes, 0, 10) && bytes[10] == -1 && bytes[11] == -1;
        boolean nat64 = bytes[0] == 0 && bytes[1] == 0x64 && bytes[2] == (byte) 0xff && bytes[3] == (byte) 0x9b
                && isZero(bytes, 4, 12);
        if (!mapped && !nat64) {
            return address;
        }
        try {
            return InetAddress.getByAddress(new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] });
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
