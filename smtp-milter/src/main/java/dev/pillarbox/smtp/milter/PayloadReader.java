package dev.pillarbox.smtp.milter;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the fields of a packet's data: 32-bit big-endian integers and NUL-terminated strings. */
final class PayloadReader {

    private final byte[] data;
    private final String what;
    private int position;

    /** A reader over {@code data}; {@code what} names the packet in error messages, e.g. "SMFIR_CHGHEADER". */
    PayloadReader(byte[] data, String what) {
        this.data = data;
        this.what = what;
    }

    /** An unsigned 32-bit integer. */
    long readUnsignedInt() throws MilterProtocolException {
        if (data.length - position < 4) {
            throw new MilterProtocolException(what + " is too short for a 32-bit integer at offset " + position);
        }
        long v = ((data[position] & 0xffL) << 24) | ((data[position + 1] & 0xff) << 16)
                | ((data[position + 2] & 0xff) << 8) | (data[position + 3] & 0xff);
        position += 4;
        return v;
    }

    /** The octets of a NUL-terminated string, without the NUL. */
    byte[] readBytes() throws MilterProtocolException {
        for (int i = position; i < data.length; i++) {
            if (data[i] == 0) {
                byte[] s = Arrays.copyOfRange(data, position, i);
                position = i + 1;
                return s;
            }
        }
        throw new MilterProtocolException(what + " has a string without its NUL terminator at offset " + position);
    }

    /** A NUL-terminated string decoded as UTF-8. */
    String readString() throws MilterProtocolException {
        return new String(readBytes(), StandardCharsets.UTF_8);
    }

    /** The rest of the data, as is. */
    byte[] readRest() {
        byte[] rest = Arrays.copyOfRange(data, position, data.length);
        position = data.length;
        return rest;
    }

    /** True when data is left. */
    boolean hasMore() {
        return position < data.length;
    }

    /** Fails when data is left over, as Postfix does ("left-over data"). */
    void expectEnd() throws MilterProtocolException {
        if (position < data.length) {
            throw new MilterProtocolException(what + " has " + (data.length - position) + " octets of left-over data");
        }
    }
}
