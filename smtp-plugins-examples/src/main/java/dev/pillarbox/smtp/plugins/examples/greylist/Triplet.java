package dev.pillarbox.smtp.plugins.examples.greylist;

import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.ReversePath;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;

/**
 * What greylisting remembers: the client's network, the sender and the recipient. The network, not the address:
 * large senders retry from another host of the same pool, so IPv4 is cut to its /24 and IPv6 to its /64 (a
 * site's subnet, RFC 4291 2.5.4). Addresses compare case-insensitively, as MTAs treat them.
 *
 * @param network e.g. {@code 192.0.2.0/24} or {@code 2001:db8:0:0:0:0:0:0/64}
 * @param sender the reverse-path, {@code <>} for bounces
 * @param recipient the forward-path
 */
public record Triplet(String network, String sender, String recipient) {

    /** Validates the components. */
    public Triplet {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
    }

    /** The triplet of one RCPT command. */
    public static Triplet of(InetAddress client, ReversePath sender, ForwardPath recipient) {
        return new Triplet(network(client), sender.toString().toLowerCase(Locale.ROOT),
                recipient.toString().toLowerCase(Locale.ROOT));
    }

    /** The client's /24 (IPv4) or /64 (IPv6) in CIDR notation. */
    static String network(InetAddress address) {
        byte[] bytes = address.getAddress();
        int prefix = address instanceof Inet4Address ? 24 : 64;
        for (int bit = prefix; bit < bytes.length * 8; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException("an address of " + bytes.length + " bytes", e);
        }
    }
}
