package dev.pillarbox.smtp.milter;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One milter packet: a command byte and its data. On the wire it is a 32-bit big-endian length (of the command
 * byte plus the data), the command byte, then the data. Immutable as long as nobody changes the array given to
 * {@link #of(byte, byte[])}, which is not copied.
 */
public final class MilterPacket {

    /** The octets before the data: four of length, one of command. */
    public static final int HEADER_LENGTH = 5;

    private static final byte[] EMPTY = new byte[0];

    private final byte command;
    private final byte[] data;

    private MilterPacket(byte command, byte[] data) {
        this.command = command;
        this.data = Objects.requireNonNull(data, "data");
    }

    /** A packet; {@code data} is not copied. */
    public static MilterPacket of(byte command, byte[] data) {
        return new MilterPacket(command, data);
    }

    /** A packet with no data. */
    public static MilterPacket of(byte command) {
        return new MilterPacket(command, EMPTY);
    }

    /** A packet with the given command character, e.g. {@code MilterPacket.of('c')}. */
    public static MilterPacket of(char command, byte[] data) {
        return new MilterPacket((byte) command, data);
    }

    /** The command (or reply) byte. */
    public byte command() {
        return command;
    }

    /** The data after the command byte; the array itself, not a copy. */
    public byte[] data() {
        return data;
    }

    /** The number of octets on the wire. */
    public int wireLength() {
        return HEADER_LENGTH + data.length;
    }

    /** Writes the packet, length first, into {@code out}, which must have {@link #wireLength()} octets left. */
    public void writeTo(ByteBuffer out) {
        out.putInt(1 + data.length).put(command).put(data);
    }

    /** The packet as it goes on the wire. */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(wireLength());
        writeTo(out);
        return out.array();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MilterPacket && ((MilterPacket) o).command == command
                && Arrays.equals(((MilterPacket) o).data, data);
    }

    @Override
    public int hashCode() {
        return 31 * command + Arrays.hashCode(data);
    }

    /** The command character and the data with NULs shown as {@code \0}, for logs and test failures. */
    @Override
    public String toString() {
        String text = new String(data, StandardCharsets.ISO_8859_1).replace("\0", "\\0").replace("\r", "\\r")
                .replace("\n", "\\n");
        return "'" + (char) (command & 0xff) + "' " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
}
