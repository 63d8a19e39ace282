package dev.pillarbox.smtp.client;

import dev.pillarbox.smtp.codec.CommandEncoder;
import dev.pillarbox.smtp.codec.DotStuffer;
import dev.pillarbox.smtp.core.Command;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A message encoded once for sending many times: the MAIL, RCPT and DATA (or {@code BDAT n LAST}) command lines and
 * the message data, dot-stuffed and terminated for DATA or raw for BDAT, as two byte arrays. Sending it copies
 * bytes into the connection's buffer and encodes nothing, so repeated sends make no garbage on the encoding side
 * (what a load generator needs). Made by {@link SmtpClient#prepare(Envelope, byte[])} for the capabilities of one
 * server; use it on connections to that server. Immutable.
 */
public final class PreparedMessage {

    private final Envelope envelope;
    private final byte[] commands;
    private final byte[] data;
    private final boolean bdat;
    private final List<String> commandLines;
    private final int[] commandEnds;
    private final int contentLength;

    private PreparedMessage(Envelope envelope, byte[] commands, byte[] data, boolean bdat, List<String> commandLines,
            int[] commandEnds, int contentLength) {
        this.envelope = envelope;
        this.commands = commands;
        this.data = data;
        this.bdat = bdat;
        this.commandLines = commandLines;
        this.commandEnds = commandEnds;
        this.contentLength = contentLength;
    }

    static PreparedMessage prepare(Envelope envelope, byte[] content, Capabilities capabilities, boolean useBdat,
            boolean normaliseLineEndings) throws ExtensionNotOfferedException, MessageTooLargeException {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(content, "content");
        OptionalLong size = OptionalLong.of(content.length);
        Commands.checkSendable(envelope, size, capabilities);
        boolean bdat = useBdat || envelope.bodyType() == BodyType.BINARY_MIME;
        List<Command> group = new ArrayList<>();
        group.add(Commands.mail(envelope, size, capabilities));
        for (Recipient r : envelope.recipients()) {
            group.add(Commands.rcpt(r, capabilities));
        }
        group.add(bdat ? Commands.bdat(content.length, true) : Commands.DATA);
        CommandEncoder encoder = new CommandEncoder();
        List<String> lines = new ArrayList<>();
        int length = 0;
        for (Command c : group) {
            length += encoder.encode(c).length;
            lines.add(c.toString());
        }
        ByteBuffer commands = ByteBuffer.allocate(length);
        int[] ends = new int[group.size()];
        for (int i = 0; i < group.size(); i++) {
            encoder.encode(group.get(i), commands);
            ends[i] = commands.position();
        }
        byte[] data = bdat ? content.clone() : DotStuffer.stuffWhole(content, normaliseLineEndings);
        return new PreparedMessage(envelope, commands.array(), data, bdat, List.copyOf(lines), ends,
                content.length);
    }

    /** The envelope. */
    public Envelope envelope() {
        return envelope;
    }

    /** True if the message goes as one {@code BDAT n LAST} chunk pipelined with its commands. */
    public boolean bdat() {
        return bdat;
    }

    /** The size of the message content in octets. */
    public int contentLength() {
        return contentLength;
    }

    /** The encoded command lines, CRLF-terminated: MAIL, RCPT..., then DATA or BDAT. */
    byte[] commands() {
        return commands;
    }

    /** The data: dot-stuffed with its terminator after DATA, raw after BDAT. */
    byte[] data() {
        return data;
    }

    /** Where command {@code i} starts in {@link #commands()}. */
    int commandStart(int i) {
        return i == 0 ? 0 : commandEnds[i - 1];
    }

    /** Where command {@code i} ends in {@link #commands()}. */
    int commandEnd(int i) {
        return commandEnds[i];
    }

    /** The command lines as text, for the transcript. */
    List<String> commandLines() {
        return commandLines;
    }

    /** The wire bytes of commands and data, for tests and benchmarks. */
    byte[] wire() {
        byte[] all = Arrays.copyOf(commands, commands.length + data.length);
        System.arraycopy(data, 0, all, commands.length, data.length);
        return all;
    }

    @Override
    public String toString() {
        return "PreparedMessage[" + envelope + ", " + contentLength + " octets" + (bdat ? ", BDAT" : ", DATA") + "]";
    }
}
