package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.plugins.api.HeaderField;
import dev.pillarbox.smtp.plugins.api.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A message's own header section (RFC 5322 2.2), held in memory while hooks edit it: each field's exact bytes (an
 * untouched field is written back as received, folding and all) or a field a hook made. It ends at the empty line,
 * or at the first line that is not a field (then the body starts with that line), or at the end of the content. At
 * most {@link Message#MAX_HEADER_SECTION} octets are read; the body is never read here.
 */
final class HeaderSection {

    /** One field: its raw bytes with the final CRLF, and its name. */
    record Field(String name, byte[] raw) {
        String lowerCaseName() {
            return name.toLowerCase(Locale.ROOT);
        }

        HeaderField parsed() {
            String text = new String(raw, StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            String value = text.substring(colon + 1).replace("\r\n", "").replace("\n", "");
            return new HeaderField(name, value.startsWith(" ") ? value.substring(1) : value.stripLeading());
        }
    }

    private final List<Field> fields;
    private final long octets; // how many octets of the content the section took, with its empty line

    private HeaderSection(List<Field> fields, long octets) {
        this.fields = fields;
        this.octets = octets;
    }

    /**
     * Reads the header section from {@code in}, positioned after the server's trace field; {@code in} is left
     * wherever the reading stopped (callers skip {@link #octets()} on a fresh stream to reach the body).
     *
     * @throws IOException if the section is longer than {@link Message#MAX_HEADER_SECTION}
     */
    static HeaderSection read(InputStream in) throws IOException {
        List<Field> fields = new ArrayList<>();
        ByteArrayOutputStream field = new ByteArrayOutputStream(128);
        long consumed = 0;
        byte[] line;
        while ((line = readLine(in, Message.MAX_HEADER_SECTION + 1L - consumed)) != null) {
            if (consumed + line.length > Message.MAX_HEADER_SECTION) {
                throw new IOException("the header section is larger than " + Message.MAX_HEADER_SECTION
                        + " octets: hooks cannot edit it");
            }
            boolean continuation = line.length > 0 && (line[0] == ' ' || line[0] == '\t');
            if (continuation && field.size() > 0) {
                field.write(line);
                consumed += line.length;
                continue;
            }
            if (field.size() > 0) {
                fields.add(field(field.toByteArray()));
                field.reset();
            }
            if (isEmptyLine(line)) {
                consumed += line.length;
                return new HeaderSection(fields, consumed);
            }
            if (nameLength(line) < 0) {
                return new HeaderSection(fields, consumed); // not a field: the body starts here
            }
            field.write(line);
            consumed += line.length;
        }
        if (field.size() > 0) {
            fields.add(field(field.toByteArray()));
        }
        return new HeaderSection(fields, consumed);
    }

    private static Field field(byte[] raw) {
        return new Field(new String(raw, 0, nameLength(raw), StandardCharsets.US_ASCII), raw);
    }

    // the length of the field name before the colon, or -1 when the line is not "name:"
    private static int nameLength(byte[] line) {
        for (int i = 0; i < line.length && i <= HeaderField.MAX_NAME_LENGTH * 13; i++) {
            byte b = line[i];
            if (b == ':') {
                return i > 0 ? i : -1;
            }
            if (b <= ' ' || b >= 0x7f) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isEmptyLine(byte[] line) {
        return (line.length == 2 && line[0] == '\r' && line[1] == '\n') || (line.length == 1 && line[0] == '\n');
    }

    // one line with its LF (and CR), at most max octets; null at the end of the stream
    private static byte[] readLine(InputStream in, long max) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(80);
        int b;
        while ((b = in.read()) >= 0) {
            line.write(b);
            if (b == '\n' || line.size() >= max) {
                break;
            }
        }
        return line.size() == 0 ? null : line.toByteArray();
    }

    /** Octets of the content the section took (with its empty line, when it had one). */
    long octets() {
        return octets;
    }

    /** The fields, parsed (values unfolded). */
    List<HeaderField> parsed() {
        List<HeaderField> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            out.add(f.parsed());
        }
        return out;
    }

    int size() {
        return fields.size();
    }

    void insert(int index, HeaderField field) {
        fields.add(index, new Field(field.name(), field.render()));
    }

    /** The list index of the {@code occurrence}-th field named {@code name}, or -1. */
    int indexOf(String name, int occurrence) {
        String lower = name.toLowerCase(Locale.ROOT);
        int seen = 0;
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).lowerCaseName().equals(lower) && ++seen == occurrence) {
                return i;
            }
        }
        return -1;
    }

    String nameAt(int index) {
        return fields.get(index).name();
    }

    void replace(int index, HeaderField field) {
        fields.set(index, new Field(field.name(), field.render()));
    }

    void remove(int index) {
        fields.remove(index);
    }

    /** The section as it goes into the message: every field, then the empty line. */
    byte[] render() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        for (Field f : fields) {
            out.writeBytes(f.raw());
        }
        out.writeBytes(new byte[] {'\r', '\n'});
        return out.toByteArray();
    }
}
