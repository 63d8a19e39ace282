package dev.pillarbox.smtp.client;

import static dev.pillarbox.smtp.client.TransactionReplies.step;

import dev.pillarbox.smtp.codec.DotStuffer;
import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The mail transactions of one connection: the command group, the replies matched to it in order, the message data
 * (dot-stuffed through the codec's {@link DotStuffer}, or in BDAT chunks), and the replies after it.
 *
 * <p>With PIPELINING (RFC 2920) the group [RSET] MAIL RCPT... DATA goes in one write and its replies are read in
 * order; when several prepared messages are sent, the end of one message's data and the next message's group share
 * a write as well, since message content may start a group (RFC 2920 3.1). Without PIPELINING every command waits
 * for its reply, and the client stops at a refused MAIL or when no RCPT was accepted. Memory per connection is bounded
 * by the buffers, whatever the size of the message.
 *
 * <p>This class writes the commands and the data and decides what comes next; {@link TransactionReplies} reads and
 * checks the replies.
 */
final class Transactions {

    /** Unanswered BDAT chunks allowed in flight when pipelining (their replies are small; this cannot deadlock). */
    private static final int BDAT_WINDOW = 16;
    private static final byte[] RSET = "RSET\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_DATA = ".\r\n".getBytes(StandardCharsets.US_ASCII);

    private final Connection connection;
    private final TransactionReplies replies;
    private final ClientSettings settings;
    private final DotStuffer stuffer;
    private byte[] input;
    private byte[] chunk;
    private int begun;
    /** True while the last transaction reached the end of its data, so the server's state is clean. */
    private boolean ended = true;

    Transactions(Connection connection, ClientSettings settings) {
        this.connection = connection;
        this.replies = new TransactionReplies(connection);
        this.settings = settings;
        this.stuffer = new DotStuffer(settings.normaliseLineEndings());
    }

    private boolean pipelining(Capabilities capabilities) {
        return settings.pipelining() && capabilities.pipelining();
    }

    /**
     * Whether the next transaction starts with RSET: not the first; the others always, or (without
     * {@link ClientSettings#rsetBetweenMessages()}) only when the previous one did not reach the end of its data.
     */
    private boolean nextNeedsRset() {
        boolean rset = begun++ > 0 && (settings.rsetBetweenMessages() || !ended);
        ended = false;
        return rset;
    }

    // ---- one message, streamed

    SendResult send(Envelope envelope, MessageBody body, Capabilities capabilities) throws IOException {
        OptionalLong size = body.size();
        Commands.checkSendable(envelope, size, capabilities);
        boolean bdat = envelope.bodyType() == BodyType.BINARY_MIME
                || (settings.chunkSize() > 0 && capabilities.chunking());
        List<Command> group = new ArrayList<>();
        group.add(Commands.mail(envelope, size, capabilities));
        for (Recipient r : envelope.recipients()) {
            group.add(Commands.rcpt(r, capabilities));
        }
        if (!bdat) {
            group.add(Commands.DATA);
        }
        try (InputStream content = body.open()) { // opened before anything is sent: a missing file costs nothing
            Transaction tx = new Transaction(envelope, group, nextNeedsRset(), bdat, settings.lmtp());
            boolean pipelined = pipelining(capabilities);
            exchange(tx, pipelined);
            if (tx.sendsData()) {
                if (bdat) {
                    chunks(tx, content, pipelined);
                } else {
                    data(tx, content);
                    connection.flush(Step.DATA_BLOCK, "message data");
                    replies.finals(tx);
                }
            } else if (tx.dataOpenWithoutRecipients()) {
                emptyData(tx);
            }
            return replies.finish(tx);
        }
    }

    /** Sends the group and reads its replies, pipelined or one by one. */
    private void exchange(Transaction tx, boolean pipelined) throws SmtpClientException {
        int n = tx.size();
        if (pipelined) {
            for (int i = 0; i < n; i++) {
                connection.command(tx.command(i), tx.text(i), Step.MAIL);
            }
            connection.flush(Step.MAIL, "commands");
            replies.readGroup(tx, n);
            return;
        }
        for (int i = 0; i < n && tx.shouldSend(i); i++) {
            connection.command(tx.command(i), tx.text(i), Step.MAIL);
            Step step = step(tx.kind(i));
            connection.flush(step, tx.text(i));
            replies.record(tx, i, connection.reply(step, tx.text(i)));
        }
    }

    /** Streams {@code content} dot-stuffed into the write buffer, flushing it whenever it is full; then the dot. */
    private void data(Transaction tx, InputStream content) throws SmtpClientException {
        ByteBuffer out = connection.writeBuffer();
        byte[] in = inputBuffer();
        ByteBuffer view = ByteBuffer.wrap(in);
        stuffer.reset();
        long total = 0;
        while (true) {
            int n = readContent(content, in, 0, in.length);
            if (n < 0) {
                break;
            }
            total += n;
            view.clear().limit(n);
            while (view.hasRemaining()) {
                stuffer.stuff(view, out);
                if (out.remaining() < 2) {
                    connection.flush(Step.DATA_BLOCK, "message data");
                }
            }
        }
        if (out.remaining() < DotStuffer.MAX_TERMINATOR) {
            connection.flush(Step.DATA_BLOCK, "message data");
        }
        stuffer.finish(out);
        ended = true;
        if (connection.transcribing()) {
            connection.note(Transcript.Direction.CLIENT, "(message data: " + total + " octets, then <CRLF>.<CRLF>)");
        }
    }

    /** RFC 2920 3.1: DATA was answered 354 although no recipient was accepted, so the client sends just the dot. */
    private void emptyData(Transaction tx) throws SmtpClientException {
        connection.append(EMPTY_DATA, 0, EMPTY_DATA.length, Step.DATA_BLOCK, "the end of data");
        ended = true;
        connection.note(Transcript.Direction.CLIENT, ".");
        connection.flush(Step.DATA_BLOCK, "the end of data");
        connection.reply(Step.DATA_TERMINATION, "the end of an empty message");
    }

    /**
     * Sends the content as BDAT chunks of the chosen size (RFC 3030 2), reading the chunks' replies as it goes; the
     * last chunk is {@code BDAT n LAST}, or {@code BDAT 0 LAST} when the content ended exactly at a chunk boundary.
     * After a refused chunk no further chunk is sent.
     */
    private void chunks(Transaction tx, InputStream content, boolean pipelined) throws SmtpClientException {
        int size = settings.chunkSize() > 0 ? settings.chunkSize() : ClientSettings.DEFAULT_CHUNK_SIZE;
        byte[] buffer = chunkBuffer(size);
        int unanswered = 0;
        boolean lastSent = false;
        while (!tx.closing()) {
            int n = readFully(content, buffer, size);
            boolean last = n < size;
            Command bdat = Commands.bdat(n, last);
            connection.command(bdat, bdat.toString(), Step.DATA_BLOCK);
            connection.append(buffer, 0, n, Step.DATA_BLOCK, "a BDAT chunk");
            if (connection.transcribing()) {
                connection.note(Transcript.Direction.CLIENT, "(" + n + " octets)");
            }
            connection.flush(Step.DATA_BLOCK, "a BDAT chunk");
            if (last) {
                lastSent = true;
                ended = true;
                break;
            }
            unanswered++;
            while (unanswered > 0 && (!pipelined || unanswered >= BDAT_WINDOW)) {
                replies.chunkReply(tx);
                unanswered--;
            }
            if (!tx.sendsData()) {
                break; // RFC 3030 2: after a 4xx or 5xx to a chunk, no further chunk
            }
        }
        while (unanswered > 0 && !tx.closing()) {
            replies.chunkReply(tx);
            unanswered--;
        }
        if (!lastSent || tx.closing()) {
            return;
        }
        if (tx.sendsData()) {
            replies.finals(tx);
        } else {
            // an earlier chunk was refused after the last was pipelined: the server discards it with one reply
            ended = false;
            connection.reply(Step.DATA_TERMINATION, "the last BDAT chunk");
        }
    }

    // ---- prepared messages, pipelined across messages

    void sendAll(Iterator<PreparedMessage> messages, Consumer<SendResult> results, Capabilities capabilities)
            throws SmtpClientException {
        boolean pipelined = pipelining(capabilities);
        if (!pipelined) {
            while (messages.hasNext()) {
                results.accept(sendStepwise(suited(messages.next(), capabilities)));
            }
            return;
        }
        Transaction next = messages.hasNext() ? begin(suited(messages.next(), capabilities)) : null;
        if (next != null) {
            connection.flush(Step.MAIL, "commands");
        }
        while (next != null) {
            Transaction tx = next;
            next = null;
            readPreparedGroup(tx);
            if (tx.closing()) {
                results.accept(replies.finish(tx));
                return;
            }
            if (!tx.bdat && (tx.sendsData() || tx.dataOpenWithoutRecipients())) {
                byte[] data = tx.sendsData() ? tx.prepared.data() : EMPTY_DATA;
                connection.append(data, 0, data.length, Step.DATA_BLOCK, "message data");
                ended = true;
                noteData(tx);
                if (messages.hasNext()) {
                    next = begin(suited(messages.next(), capabilities)); // RFC 2920 3.1: content may start a group
                }
                connection.flush(Step.DATA_BLOCK, "message data");
                if (tx.sendsData()) {
                    replies.finals(tx);
                } else {
                    connection.reply(Step.DATA_TERMINATION, "the end of an empty message");
                }
            } else if (messages.hasNext()) {
                next = begin(suited(messages.next(), capabilities));
                connection.flush(Step.MAIL, "commands");
            }
            results.accept(replies.finish(tx));
        }
    }

    /**
     * {@code message}, if it was prepared for a server like this one.
     *
     * @throws IllegalArgumentException if it needs CHUNKING or SMTPUTF8 and this server lacks it
     */
    private static PreparedMessage suited(PreparedMessage message, Capabilities capabilities) {
        if ((message.bdat() && !capabilities.chunking())
                || (message.envelope().smtpUtf8() && !capabilities.smtpUtf8())) {
            throw new IllegalArgumentException(message + " was prepared for a server with "
                    + (message.bdat() ? "CHUNKING" : "SMTPUTF8") + ", which " + capabilities.serverName()
                    + " does not offer");
        }
        return message;
    }

    /** Appends a prepared message's group (and, for BDAT, its data) to the write buffer. */
    private Transaction begin(PreparedMessage message) throws SmtpClientException {
        Transaction tx = new Transaction(message, nextNeedsRset(), settings.lmtp());
        if (tx.withRset) {
            connection.append(RSET, 0, RSET.length, Step.MAIL, "RSET");
            connection.note(Transcript.Direction.CLIENT, "RSET");
        }
        byte[] commands = message.commands();
        connection.append(commands, 0, commands.length, Step.MAIL, "commands");
        if (connection.transcribing()) {
            for (String line : message.commandLines()) {
                connection.note(Transcript.Direction.CLIENT, line);
            }
        }
        if (message.bdat()) {
            connection.append(message.data(), 0, message.data().length, Step.MAIL, "a BDAT chunk");
            noteData(tx);
        }
        return tx;
    }

    /** Reads a prepared group's replies; for BDAT, also the replies to its one LAST chunk. */
    private void readPreparedGroup(Transaction tx) throws SmtpClientException {
        int n = tx.size();
        if (!tx.bdat) {
            replies.readGroup(tx, n);
            return;
        }
        replies.readGroup(tx, n - 1);
        if (tx.closing()) {
            return;
        }
        // the chunk ended the transaction only if it was taken as data (a recipient accepted, nothing refused)
        ended = tx.sendsData();
        if (tx.sendsData()) {
            replies.finals(tx);
        } else {
            Reply reply = connection.reply(Step.DATA_TERMINATION, "BDAT");
            if (tx.accepted() > 0) {
                tx.fail(reply);
            }
        }
    }

    /** A prepared message on a server without PIPELINING: each command waits for its reply. */
    private SendResult sendStepwise(PreparedMessage message) throws SmtpClientException {
        Transaction tx = new Transaction(message, nextNeedsRset(), settings.lmtp());
        int n = tx.size();
        for (int i = 0; i < n && tx.shouldSend(i); i++) {
            Transaction.Kind kind = tx.kind(i);
            if (kind == Transaction.Kind.RSET) {
                connection.append(RSET, 0, RSET.length, Step.COMMAND, "RSET");
            } else {
                int j = tx.withoutRset(i);
                int from = message.commandStart(j);
                connection.append(message.commands(), from, message.commandEnd(j) - from, step(kind), tx.text(i));
            }
            connection.note(Transcript.Direction.CLIENT, tx.text(i));
            if (kind == Transaction.Kind.BDAT_LAST) {
                connection.append(message.data(), 0, message.data().length, Step.DATA_BLOCK, "a BDAT chunk");
                ended = true;
                noteData(tx);
                connection.flush(Step.DATA_BLOCK, "a BDAT chunk");
                replies.finals(tx);
                break;
            }
            connection.flush(step(kind), tx.text(i));
            replies.record(tx, i, connection.reply(step(kind), tx.text(i)));
        }
        if (tx.sendsData() && !tx.bdat) {
            connection.append(message.data(), 0, message.data().length, Step.DATA_BLOCK, "message data");
            ended = true;
            noteData(tx);
            connection.flush(Step.DATA_BLOCK, "message data");
            replies.finals(tx);
        } else if (tx.dataOpenWithoutRecipients()) {
            emptyData(tx);
        }
        return replies.finish(tx);
    }

    private void noteData(Transaction tx) {
        if (!connection.transcribing()) {
            return;
        }
        connection.note(Transcript.Direction.CLIENT, "(message data: " + tx.prepared.contentLength() + " octets"
                + (tx.bdat ? ")" : ", then <CRLF>.<CRLF>)"));
    }

    private int readContent(InputStream content, byte[] into, int offset, int length) throws SmtpClientException {
        try {
            return content.read(into, offset, length);
        } catch (IOException e) {
            // the server holds an open message: ending it now would deliver a truncated one, so the connection goes
            throw connection.broken(new SmtpClientException("reading the message content failed while it was being"
                    + " sent (" + e.getMessage() + "); the connection was closed without ending the message, so"
                    + " nothing partial is delivered", e));
        }
    }

    /** Reads until {@code length} octets or the end of the content; returns how many. */
    private int readFully(InputStream content, byte[] into, int length) throws SmtpClientException {
        int n = 0;
        while (n < length) {
            int r = readContent(content, into, n, length - n);
            if (r < 0) {
                break;
            }
            n += r;
        }
        return n;
    }

    private byte[] inputBuffer() {
        if (input == null) {
            input = new byte[settings.bufferSize()];
        }
        return input;
    }

    private byte[] chunkBuffer(int size) {
        if (chunk == null || chunk.length < size) {
            chunk = new byte[size];
        }
        return chunk;
    }
}
