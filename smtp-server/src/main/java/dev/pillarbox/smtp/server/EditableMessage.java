package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.HeaderField;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.Recipient;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.List;
import java.util.Objects;

/**
 * The {@link Message} the message hooks of one delivery share, over its {@link MessageTransaction}. Header edits
 * change a {@link HeaderSection} read on the first edit and mark the message changed; {@link #openContent()} then
 * serves the trace field, the edited section and the body streamed from the stored content.
 * {@link #commitChanges()} (before the commit) writes that content into new writers of the delivery targets,
 * streaming. A body replacement does so at once. The body is never held in memory. Envelope changes replace the
 * envelope this message answers and mark it changed too: the targets learn an envelope when a writer is opened, so
 * the new writers are opened with the changed one.
 */
final class EditableMessage implements Message {

    private static final int BUFFER = 16 * 1024;

    private final MessageTransaction transaction;
    private Envelope envelope;
    private HeaderSection header; // null until a hook reads or edits the header fields
    private boolean changed; // header edits not yet written into the targets
    private boolean envelopeChanged; // envelope changes the targets' writers were not opened with

    EditableMessage(MessageTransaction transaction, Envelope envelope) {
        this.transaction = transaction;
        this.envelope = envelope;
    }

    @Override
    public Envelope envelope() {
        return envelope;
    }

    @Override
    public long size() {
        return transaction.primary().size();
    }

    @Override
    public InputStream openContent() throws IOException {
        if (!changed) {
            return transaction.primary().openContent();
        }
        return new SequenceInputStream(new ByteArrayInputStream(edited()), body());
    }

    // the trace field and the edited header section
    private byte[] edited() {
        byte[] trace = transaction.traceHeader();
        byte[] section = header.render();
        byte[] out = new byte[trace.length + section.length];
        System.arraycopy(trace, 0, out, 0, trace.length);
        System.arraycopy(section, 0, out, trace.length, section.length);
        return out;
    }

    // the stored content after the trace field and the header section as read
    private InputStream body() throws IOException {
        InputStream in = transaction.primary().openContent();
        in.skipNBytes(transaction.traceHeader().length + header.octets());
        return in;
    }

    private HeaderSection header() throws IOException {
        if (header == null) {
            try (InputStream in = new BufferedInputStream(transaction.primary().openContent(), BUFFER)) {
                long skipped = in.skip(transaction.traceHeader().length);
                if (skipped < transaction.traceHeader().length) {
                    in.skipNBytes(transaction.traceHeader().length - skipped);
                }
                header = HeaderSection.read(in);
            }
        }
        return header;
    }

    @Override
    public List<HeaderField> headerFields() throws IOException {
        return header().parsed();
    }

    @Override
    public void addHeader(String name, String value) throws IOException {
        HeaderField field = HeaderField.of(name, value);
        header().insert(header().size(), field);
        changed = true;
    }

    @Override
    public void insertHeader(int index, String name, String value) throws IOException {
        HeaderField field = HeaderField.of(name, value);
        if (index < 0 || index > header().size()) {
            throw new IndexOutOfBoundsException("header field position " + index + " is not within 0.."
                    + header().size());
        }
        header().insert(index, field);
        changed = true;
    }

    @Override
    public void changeHeader(String name, int occurrence, String value) throws IOException {
        HeaderField.of(name, value); // checked before anything changes
        int index = existing(name, occurrence);
        header().replace(index, HeaderField.of(header().nameAt(index), value)); // the field keeps its name's spelling
        changed = true;
    }

    @Override
    public void removeHeader(String name, int occurrence) throws IOException {
        header().remove(existing(name, occurrence));
        changed = true;
    }

    @Override
    public int removeHeaders(String name) throws IOException {
        Objects.requireNonNull(name, "name");
        int removed = 0;
        int index;
        while ((index = header().indexOf(name, 1)) >= 0) {
            header().remove(index);
            removed++;
        }
        changed |= removed > 0;
        return removed;
    }

    private int existing(String name, int occurrence) throws IOException {
        Objects.requireNonNull(name, "name");
        int index = occurrence < 1 ? -1 : header().indexOf(name, occurrence);
        if (index < 0) {
            throw new IllegalArgumentException(occurrence == 1 ? "the message has no " + name + " field"
                    : "the message has no " + name + " field number " + occurrence);
        }
        return index;
    }

    @Override
    public void replaceBody(InputStream body) throws IOException {
        Objects.requireNonNull(body, "body");
        header();
        byte[] head = edited();
        transaction.rewrite(new SequenceInputStream(new ByteArrayInputStream(head), body), envelope);
        // the new content's header section is exactly the one just written: no need to read it again
        header = HeaderSection.read(new ByteArrayInputStream(head, transaction.traceHeader().length,
                head.length - transaction.traceHeader().length));
        changed = false;
        envelopeChanged = false;
    }

    @Override
    public void addRecipient(Recipient recipient) {
        Objects.requireNonNull(recipient, "recipient");
        if (envelope.recipients().stream().noneMatch(r -> r.forwardPath().equals(recipient.forwardPath()))) {
            envelope = envelope.withRecipient(recipient);
            envelopeChanged = true;
        }
    }

    @Override
    public boolean removeRecipient(ForwardPath forwardPath) {
        Envelope without = envelope.withoutRecipient(forwardPath);
        if (without == envelope) {
            return false;
        }
        envelope = without;
        envelopeChanged = true;
        return true;
    }

    @Override
    public void changeReversePath(ReversePath reversePath, EsmtpParameters mailParameters) {
        envelope = envelope.withReversePath(reversePath, mailParameters);
        envelopeChanged = true;
    }

    /**
     * Writes pending header edits and envelope changes into the delivery targets (streaming the body through);
     * nothing if none.
     */
    void commitChanges() throws IOException {
        if (changed || envelopeChanged) {
            transaction.rewrite(openContent(), envelope);
            if (changed) {
                header = null; // read again from the new content if anyone asks
            }
            changed = false;
            envelopeChanged = false;
        }
    }
}
