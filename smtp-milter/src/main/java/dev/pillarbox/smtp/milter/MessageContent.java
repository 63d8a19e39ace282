package dev.pillarbox.smtp.milter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A message as filters see it: the header fields in order and the body. Immutable; {@link #apply(Modification)}
 * returns the message as a filter's change leaves it, with the header indexes counted as Postfix counts them.
 */
public final class MessageContent {

    private final List<HeaderField> headers;
    private final BodySource body;

    private MessageContent(List<HeaderField> headers, BodySource body) {
        this.headers = List.copyOf(headers);
        this.body = Objects.requireNonNull(body, "body");
    }

    /** A message from its header fields and body. */
    public static MessageContent of(List<HeaderField> headers, BodySource body) {
        return new MessageContent(headers, body);
    }

    /**
     * Splits a message (CRLF line endings, as received after DATA without dot-stuffing) into header fields and
     * body. The header section ends at the first empty line; a line that is neither a field ({@code name:}) nor
     * a continuation (starting with space or tab) also ends it and starts the body, as Postfix's
     * {@code is_header} decides. White space between a field name and its colon is dropped.
     */
    public static MessageContent parse(byte[] message) {
        List<HeaderField> headers = new ArrayList<>();
        int pos = 0;
        String name = null;
        int valueStart = 0;
        int valueEnd = 0;
        while (pos < message.length) {
            int eol = lineEnd(message, pos);
            int next = eol < message.length ? eol + 2 : message.length;
            if (eol == pos) {
                pos = next;
                break;
            }
            byte first = message[pos];
            if ((first == ' ' || first == '\t') && name != null) {
                valueEnd = eol;
                pos = next;
                continue;
            }
            int colon = fieldNameEnd(message, pos, eol);
            if (colon < 0) {
                break;
            }
            if (name != null) {
                headers.add(HeaderField.received(name, Arrays.copyOfRange(message, valueStart, valueEnd)));
            }
            int nameEnd = colon;
            while (nameEnd > pos && (message[nameEnd - 1] == ' ' || message[nameEnd - 1] == '\t')) {
                nameEnd--;
            }
            name = new String(message, pos, nameEnd - pos, StandardCharsets.US_ASCII);
            valueStart = colon + 1;
            valueEnd = eol;
            pos = next;
        }
        if (name != null) {
            headers.add(HeaderField.received(name, Arrays.copyOfRange(message, valueStart, valueEnd)));
        }
        return new MessageContent(headers, BodySource.of(Arrays.copyOfRange(message, pos, message.length)));
    }

    /** The index of the CR of the next CRLF at or after {@code from}, or the length when there is none. */
    private static int lineEnd(byte[] m, int from) {
        for (int i = from; i + 1 < m.length; i++) {
            if (m[i] == '\r' && m[i + 1] == '\n') {
                return i;
            }
        }
        return m.length;
    }

    /** The index of the colon that ends a field name on this line, or -1 when the line is not a header field. */
    private static int fieldNameEnd(byte[] m, int from, int eol) {
        int i = from;
        while (i < eol && m[i] > 32 && m[i] < 127 && m[i] != ':') {
            i++;
        }
        if (i == from) {
            return -1;
        }
        while (i < eol && (m[i] == ' ' || m[i] == '\t')) {
            i++;
        }
        return i < eol && m[i] == ':' ? i : -1;
    }

    /** The header fields, in order. */
    public List<HeaderField> headers() {
        return headers;
    }

    /** The body. */
    public BodySource body() {
        return body;
    }

    /** The fields named {@code name} (without regard to case), in order. */
    public List<HeaderField> headers(String name) {
        List<HeaderField> out = new ArrayList<>();
        for (HeaderField h : headers) {
            if (h.hasName(name)) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * The message after {@code modification}; envelope changes (sender, recipients) leave it as it is.
     *
     * <ul>
     *   <li>add header: appended after the last field;</li>
     *   <li>insert header at index i: placed before the (i+1)-th field, i.e. i = 0 is the top; past the end it is
     *       appended (Postfix {@code cleanup_ins_header});</li>
     *   <li>change header n of a name: the n-th field of that name (1 the first) gets the new value; when there is
     *       no n-th field the new field is appended (Postfix {@code cleanup_upd_header}, as Sendmail does);</li>
     *   <li>delete header n of a name: the n-th field of that name is removed; when there is none nothing
     *       changes;</li>
     *   <li>replace body: the new body.</li>
     * </ul>
     */
    public MessageContent apply(Modification modification) {
        Objects.requireNonNull(modification, "modification");
        if (modification instanceof Modification.AddHeader) {
            List<HeaderField> list = new ArrayList<>(headers);
            list.add(((Modification.AddHeader) modification).field());
            return new MessageContent(list, body);
        }
        if (modification instanceof Modification.InsertHeader) {
            Modification.InsertHeader insert = (Modification.InsertHeader) modification;
            List<HeaderField> list = new ArrayList<>(headers);
            list.add((int) Math.min(insert.index(), list.size()), insert.field());
            return new MessageContent(list, body);
        }
        if (modification instanceof Modification.ChangeHeader) {
            Modification.ChangeHeader change = (Modification.ChangeHeader) modification;
            List<HeaderField> list = new ArrayList<>(headers);
            int at = indexOf(change.field().name(), change.index());
            if (at < 0) {
                list.add(change.field());
            } else {
                list.set(at, change.field());
            }
            return new MessageContent(list, body);
        }
        if (modification instanceof Modification.DeleteHeader) {
            Modification.DeleteHeader delete = (Modification.DeleteHeader) modification;
            int at = indexOf(delete.name(), delete.index());
            if (at < 0) {
                return this;
            }
            List<HeaderField> list = new ArrayList<>(headers);
            list.remove(at);
            return new MessageContent(list, body);
        }
        if (modification instanceof Modification.ReplaceBody) {
            return new MessageContent(headers, BodySource.of(((Modification.ReplaceBody) modification).body()));
        }
        return this;
    }

    /** The position in {@link #headers()} of the {@code n}-th field (1-based) named {@code name}, or -1. */
    private int indexOf(String name, long n) {
        long seen = 0;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).hasName(name) && ++seen == n) {
                return i;
            }
        }
        return -1;
    }

    /** Writes the message: the fields, an empty line, the body. */
    public void writeTo(OutputStream out) throws IOException {
        for (HeaderField h : headers) {
            out.write(h.toBytes());
        }
        out.write('\r');
        out.write('\n');
        try (var in = body.open()) {
            in.transferTo(out);
        }
    }

    /** The message as octets; see {@link #writeTo(OutputStream)}. */
    public byte[] toBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeTo(out);
        return out.toByteArray();
    }
}
