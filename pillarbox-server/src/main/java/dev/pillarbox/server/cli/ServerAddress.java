package dev.pillarbox.server.cli;

import java.util.Objects;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The server a client command talks to, as written after {@code --server}: {@code HOST:PORT}, an IPv6 literal in
 * brackets ({@code [::1]:2525}).
 *
 * @param host the host name or address, without brackets
 * @param port the port, 1 to 65535
 */
record ServerAddress(String host, int port) {

    /** What {@link #parse} accepts, for error messages. */
    static final String FORMAT = "HOST:PORT, e.g. 127.0.0.1:2525, mx.example.net:25 or [::1]:2525";

    /** Validates the components. */
    ServerAddress {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("the host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 1..65535");
        }
    }

    /**
     * Parses {@code HOST:PORT} or {@code [IPv6]:PORT}.
     *
     * @throws IllegalArgumentException with a message that quotes the text and shows the format
     */
    static ServerAddress parse(String text) {
        String s = text.strip();
        String host;
        String port;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
                throw invalid(text, "an IPv6 literal needs its brackets and a port after them");
            }
            host = s.substring(1, close);
            port = s.substring(close + 2);
        } else {
            int colon = s.lastIndexOf(':');
            if (colon < 0) {
                throw invalid(text, "the port is missing");
            }
            if (s.indexOf(':') != colon) {
                throw invalid(text, "an IPv6 literal must be in brackets");
            }
            host = s.substring(0, colon);
            port = s.substring(colon + 1);
        }
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw invalid(text, "the port \"" + port + "\" is not a number");
        }
        try {
            return new ServerAddress(host, number);
        } catch (IllegalArgumentException e) {
            throw invalid(text, e.getMessage());
        }
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("\"" + text + "\" is not a server address (" + why + "); expected "
                + FORMAT);
    }

    /** As written: {@code host:port}, IPv6 in brackets. */
    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** For picocli: a bad address is a usage error whose message names the problem. */
    static final class Converter implements ITypeConverter<ServerAddress> {
        @Override
        public ServerAddress convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
