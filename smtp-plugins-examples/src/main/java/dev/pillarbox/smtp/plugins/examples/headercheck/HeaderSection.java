package dev.pillarbox.smtp.plugins.examples.headercheck;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The field names of a message's header section, read from a stream up to the first empty line (RFC 5322 2.1)
 * and no further, so the body is never read. Folded lines (starting with space or tab, RFC 5322 2.2.3) belong to
 * the field before them.
 */
final class HeaderSection {

    /** Why a header section could not be read. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final List<String> names;

    private HeaderSection(List<String> names) {
        this.names = List.copyOf(names);
    }

    /**
     * Reads the header section from {@code in}, at most {@code maxBytes} octets.
     *
     * @param traceHeaderFirst the first field is the server's own {@code Received:} header: line numbers in
     *     error messages then count from the line after it, as in the message the client sent
     * @throws Malformed if a line is not a field, or the section is longer than {@code maxBytes}
     */
    static HeaderSection read(InputStream in, int maxBytes, boolean traceHeaderFirst) throws IOException, Malformed {
        List<String> names = new ArrayList<>();
        int firstFieldLines = 0;
        // only a field's name is kept: the rest of a line is counted, not stored
        StringBuilder name = new StringBuilder();
        int total = 0;
        int lineNumber = 0;
        while (true) {
            lineNumber++;
            name.setLength(0);
            int length = 0;
            boolean colon = false;
            boolean carriageReturn = false;
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (++total > maxBytes) {
                    throw new Malformed("Message header section is larger than " + maxBytes + " octets");
                }
                length++;
                carriageReturn = b == '\r';
                if (b == ':') {
                    colon = true;
                } else if (!colon) {
                    name.append((char) b);
                }
            }
            total++;
            if (length == 0 || length == 1 && carriageReturn) {
                return new HeaderSection(names); // the empty line, or the end of a message without a body
            }
            boolean folded = name.length() > 0 && (name.charAt(0) == ' ' || name.charAt(0) == '\t');
            int clientLine = traceHeaderFirst ? lineNumber - firstFieldLines : lineNumber;
            if (folded) {
                if (names.isEmpty()) {
                    throw new Malformed("Message header line " + clientLine + " is a continuation of nothing"
                            + " (RFC 5322 2.2.3)");
                }
            } else if (colon && isFieldName(name.toString())) {
                names.add(name.toString());
            } else {
                throw new Malformed("Message header line " + clientLine + " is not a header field (RFC 5322 2.2)");
            }
            if (names.size() == 1) {
                firstFieldLines++;
            }
            if (b == -1) {
                return new HeaderSection(names);
            }
        }
    }

    /** RFC 5322 3.6.8: ftext is printable US-ASCII except colon, at least one. */
    static boolean isFieldName(String name) {
        return !name.isEmpty() && name.chars().allMatch(c -> c >= 33 && c <= 126 && c != ':');
    }

    /** The field names in order, as written. */
    List<String> names() {
        return names;
    }

    /** How many times each field occurs, by lower-case name. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (String name : names) {
            counts.merge(name.toLowerCase(Locale.ROOT), 1, Integer::sum);
        }
        return counts;
    }
}
