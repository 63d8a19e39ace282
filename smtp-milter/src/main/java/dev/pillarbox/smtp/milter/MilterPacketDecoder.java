package dev.pillarbox.smtp.milter;

import java.nio.ByteBuffer;

/**
 * Splits the byte stream from a filter into {@link MilterPacket}s, however the bytes arrive (one at a time or many
 * packets in one read). No I/O: the caller feeds what it read. A length of 0 or over the limit is a protocol error,
 * after which the stream cannot be trusted and the caller closes it, as Postfix does.
 */
public final class MilterPacketDecoder {

    private final int maxPacketLength;
    private final byte[] lengthBytes = new byte[4];
    private int lengthFill;
    private byte command;
    private boolean haveCommand;
    private byte[] data;
    private int dataFill;

    /**
     * A decoder that accepts packets of up to {@code maxPacketLength} octets (command byte plus data).
     *
     * @throws IllegalArgumentException if the limit is below 1
     */
    public MilterPacketDecoder(int maxPacketLength) {
        if (maxPacketLength < 1) {
            throw new IllegalArgumentException("maximum packet length " + maxPacketLength + " is below 1");
        }
        this.maxPacketLength = maxPacketLength;
    }

    /**
     * Consumes bytes from {@code in} up to the end of the next packet and returns it, or returns null when
     * {@code in} ran out first (the partial packet is kept for the next call).
     *
     * @throws MilterProtocolException if the length field is 0 or larger than the limit
     */
    public MilterPacket decode(ByteBuffer in) throws MilterProtocolException {
        while (lengthFill < 4) {
            if (!in.hasRemaining()) {
                return null;
            }
            lengthBytes[lengthFill++] = in.get();
            if (lengthFill == 4) {
                long length = ((lengthBytes[0] & 0xffL) << 24) | ((lengthBytes[1] & 0xff) << 16)
                        | ((lengthBytes[2] & 0xff) << 8) | (lengthBytes[3] & 0xff);
                if (length < 1) {
                    throw new MilterProtocolException("bad packet length 0 (a packet has at least its command byte)");
                }
                if (length > maxPacketLength) {
                    throw new MilterProtocolException("packet length " + length + " exceeds the limit of "
                            + maxPacketLength + " octets");
                }
                data = new byte[(int) length - 1];
                dataFill = 0;
                haveCommand = false;
            }
        }
        if (!haveCommand) {
            if (!in.hasRemaining()) {
                return null;
            }
            command = in.get();
            haveCommand = true;
        }
        int n = Math.min(in.remaining(), data.length - dataFill);
        in.get(data, dataFill, n);
        dataFill += n;
        if (dataFill < data.length) {
            return null;
        }
        lengthFill = 0;
        MilterPacket packet = MilterPacket.of(command, data);
        data = null;
        return packet;
    }

    /** True when part of a packet has been read and the rest has not. */
    public boolean inPacket() {
        return lengthFill > 0;
    }
}
