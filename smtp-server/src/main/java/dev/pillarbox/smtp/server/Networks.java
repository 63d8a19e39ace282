package dev.pillarbox.smtp.server;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A set of IP networks that a client address is checked against: the proxies a PROXY protocol listener believes
 * ({@link ListenerSettings#trustedProxies()}, like nginx's {@code set_real_ip_from}) and the clients exempt from the
 * per-client connection limit ({@link ServerSettings#trustedNetworks()}, like Postfix's {@code mynetworks}).
 *
 * @param networks the networks, in the order given
 */
public record Networks(List<IpNetwork> networks) {

    /** The loopback networks {@code 127.0.0.0/8} and {@code ::1/128}: the default of both settings. */
    public static final Networks LOOPBACK = of("127.0.0.0/8", "::1/128");

    /** No network: nothing is trusted. */
    public static final Networks NONE = new Networks(List.of());

    /** Copies the list. */
    public Networks {
        networks = List.copyOf(Objects.requireNonNull(networks, "networks"));
    }

    /**
     * The networks written as {@code 192.0.2.0/24}, {@code 2001:db8::/32} or single addresses.
     *
     * @throws IllegalArgumentException naming the first entry that is not an IP network
     */
    public static Networks of(String... networks) {
        return parse(List.of(networks));
    }

    /** As {@link #of(String...)}. */
    public static Networks parse(List<String> networks) {
        List<IpNetwork> parsed = new ArrayList<>();
        for (String network : networks) {
            parsed.add(IpNetwork.parse(network));
        }
        return new Networks(parsed);
    }

    /** True if {@code address} is in one of the networks. */
    public boolean contains(InetAddress address) {
        for (IpNetwork network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** {@code 127.0.0.0/8, ::1/128}, or {@code none}. */
    @Override
    public String toString() {
        return networks.isEmpty() ? "none" : networks.stream().map(IpNetwork::toString)
                .collect(Collectors.joining(", "));
    }
}
