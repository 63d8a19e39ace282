package dev.pillarbox.smtp.milter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One header field of a message: its name and its value as it stands after the colon, leading space and folding
 * (CRLF followed by a space or tab) included, so that {@code name + ":" + value + CRLF} is the field on the wire.
 * The value is kept as octets, so a field that is not valid UTF-8 passes through a filter unchanged. Immutable.
 */
public final class HeaderField {

    private static final byte[] CRLF = {'\r', '\n'};

    private final String name;
    private final byte[] value;

    private HeaderField(String name, byte[] value) {
        this.name = name;
        this.value = value;
    }

    /**
     * A field from its name and its value after the colon, e.g. {@code HeaderField.of("Subject", " hello")}.
     *
     * @throws IllegalArgumentException if the name is not an RFC 5322 field name, or the value has a CR or LF
     *     that is not part of a fold (CRLF then space or tab)
     */
    public static HeaderField of(String name, String value) {
        return ofBytes(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A field from its name and the octets of its value after the colon; see {@link #of(String, String)}. */
    public static HeaderField ofBytes(String name, byte[] value) {
        checkName(name);
        byte[] copy = value.clone();
        String problem = foldingProblem(copy);
        if (problem != null) {
            throw new IllegalArgumentException("header field " + name + ": " + problem);
        }
        return new HeaderField(name, copy);
    }

    /**
     * A field as parsed from a received message: the octets are kept exactly as they arrived, whatever they are, so
     * that nothing accepted is lost or changed on its way through the filters.
     */
    static HeaderField received(String name, byte[] value) {
        checkName(name);
        return new HeaderField(name, value);
    }

    /**
     * A field as a filter sends it: folds may be bare LF (Sendmail's and libmilter's form) and become CRLF; with
     * {@code addLeadingSpace} (the filter did not negotiate SMFIP_HDR_LEADSPC) one space goes before the value,
     * as Postfix writes {@code name: value}.
     */
    static HeaderField fromFilter(String name, byte[] wireValue, boolean addLeadingSpace) throws MilterProtocolException {
        if (name.isEmpty()) {
            throw new MilterProtocolException("empty header field name");
        }
        try {
            checkName(name);
        } catch (IllegalArgumentException e) {
            throw new MilterProtocolException(e.getMessage());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(wireValue.length + 8);
        if (addLeadingSpace) {
            out.write(' ');
        }
        for (int i = 0; i < wireValue.length; i++) {
            byte b = wireValue[i];
            if (b == '\n' && (i == 0 || wireValue[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(b);
        }
        byte[] value = out.toByteArray();
        String problem = foldingProblem(value);
        if (problem != null) {
            throw new MilterProtocolException("header field " + name + ": " + problem);
        }
        return new HeaderField(name, value);
    }

    /**
     * The value as the filter sees it in SMFIC_HEADER: folds as bare LF, as Postfix sends them (it keeps header
     * lines without their CR), and without the one leading space unless the filter negotiated
     * SMFIP_HDR_LEADSPC.
     */
    byte[] toFilter(boolean keepLeadingSpace) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(value.length);
        int start = !keepLeadingSpace && value.length > 0 && value[0] == ' ' ? 1 : 0;
        for (int i = start; i < value.length; i++) {
            if (value[i] == '\r' && i + 1 < value.length && value[i + 1] == '\n') {
                continue;
            }
            out.write(value[i]);
        }
        return out.toByteArray();
    }

    /** The field name, as written. */
    public String name() {
        return name;
    }

    /** The value after the colon, decoded as UTF-8. */
    public String value() {
        return new String(value, StandardCharsets.UTF_8);
    }

    /** The octets of the value after the colon (a copy). */
    public byte[] valueBytes() {
        return value.clone();
    }

    /** The value without its leading white space and with folds unfolded (RFC 5322 2.2.3), for display. */
    public String unfoldedValue() {
        return value().replace("\r\n", "").strip();
    }

    /** True when this field's name is {@code other}, compared without regard to case (RFC 5322 1.2.2). */
    public boolean hasName(String other) {
        return name.equalsIgnoreCase(other);
    }

    /** The field on the wire: {@code name:value} followed by CRLF. */
    public byte[] toBytes() {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[n.length + 1 + value.length + 2];
        System.arraycopy(n, 0, out, 0, n.length);
        out[n.length] = ':';
        System.arraycopy(value, 0, out, n.length + 1, value.length);
        System.arraycopy(CRLF, 0, out, out.length - 2, 2);
        return out;
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header field name");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // RFC 5322 3.6.8: field-name = 1*ftext, ftext = %d33-57 / %d59-126
            if (c < 33 || c > 126 || c == ':') {
                throw new IllegalArgumentException("header field name \"" + name
                        + "\" has a character outside RFC 5322 ftext at index " + i);
            }
        }
    }

    /** Null when every CR is part of CRLF and every CRLF is followed by a space or tab; else what is wrong. */
    private static String foldingProblem(byte[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] == 0) {
                return "value contains NUL";
            }
            if (v[i] == '\r') {
                if (i + 1 >= v.length || v[i + 1] != '\n') {
                    return "value contains a CR that is not followed by LF";
                }
                if (i + 2 >= v.length || (v[i + 2] != ' ' && v[i + 2] != '\t')) {
                    return "value has a line break that is not followed by a space or tab (RFC 5322 2.2.3)";
                }
                i++;
            } else if (v[i] == '\n') {
                return "value contains an LF that is not preceded by CR";
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeaderField && ((HeaderField) o).name.equals(name)
                && Arrays.equals(((HeaderField) o).value, value);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(value);
    }

    /** {@code name:value} with folds shown as {@code \r\n}. */
    @Override
    public String toString() {
        return name + ":" + value().replace("\r", "\\r").replace("\n", "\\n");
    }
}
