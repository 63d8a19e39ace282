package dev.pillarbox.server.config;

import dev.pillarbox.smtp.plugins.api.Protocol;
import java.util.Locale;
import java.util.Objects;

/**
 * A listen address as written on the command line or in an environment variable: {@code HOST:PORT}, with an
 * IPv6 literal in brackets ({@code [::1]:2525}) and an optional protocol prefix ({@code lmtp://127.0.0.1:24}).
 *
 * @param host the host or address literal, without brackets
 * @param port the port, 0 to 65535
 * @param protocol SMTP unless the prefix says {@code lmtp://}
 */
public record ListenAddress(String host, int port, Protocol protocol) {

    /** What {@link #parse} accepts, for error messages. */
    public static final String FORMAT = "HOST:PORT, e.g. 127.0.0.1:2525 or [::1]:2525, optionally prefixed "
            + "smtp:// or lmtp://";

    /** Validates the components. */
    public ListenAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(protocol, "protocol");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
    }

    /**
     * Parses {@code [smtp://|lmtp://]HOST:PORT}.
     *
     * @throws IllegalArgumentException with a message that quotes the text and shows the format
     */
    public static ListenAddress parse(String text) {
        String s = text.strip();
        Protocol protocol = Protocol.SMTP;
        String lower = s.toLowerCase(Locale.ROOT);
        if (lower.startsWith("smtp://")) {
            s = s.substring(7);
        } else if (lower.startsWith("lmtp://")) {
            protocol = Protocol.LMTP;
            s = s.substring(7);
        }
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw invalid(text);
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0 || s.indexOf(':') != colon) {
                // more than one colon without brackets: an IPv6 literal whose port cannot be told apart
                throw invalid(text);
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        if (host.isEmpty() || port.isEmpty() || !port.chars().allMatch(c -> c >= '0' && c <= '9')
                || port.length() > 5 || Integer.parseInt(port) > 65535) {
            throw invalid(text);
        }
        return new ListenAddress(host, Integer.parseInt(port), protocol);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("\"" + text + "\" is not a listen address (use " + FORMAT + ")");
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return (protocol == Protocol.LMTP ? "lmtp://" : "") + h + ":" + port;
    }
}
