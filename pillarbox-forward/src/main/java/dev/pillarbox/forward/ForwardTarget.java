package dev.pillarbox.forward;

import dev.pillarbox.smtp.core.Mailbox;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.plugins.api.DeliveryTarget;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.plugins.api.SessionView;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code forward} delivery target: each message goes into the {@link Spool} and is durable (content and
 * per-recipient state forced to disk) before {@link MessageWriter#commit()} returns, so the client's 250 follows
 * durability; a failure there (a full disk) makes the server answer {@code 451 4.3.0} and the session goes on. The
 * {@link QueueRunner} then delivers it.
 */
@Singleton
public final class ForwardTarget implements DeliveryTarget {

    /** The delivery target's name, as {@code delivery.required} picks it. */
    public static final String NAME = "forward";

    private static final Logger LOG = LoggerFactory.getLogger(ForwardTarget.class);

    private final QueueRunner runner;
    private final ForwardSettings settings;
    private final Clock clock;

    @Inject
    ForwardTarget(QueueRunner runner, ForwardSettings settings) {
        this.runner = runner;
        this.settings = settings;
        this.clock = runner.clock();
    }

    @Override
    public MessageWriter open(SessionView session, Envelope envelope) throws IOException {
        Spool spool = runner.spool();
        String id = spool.newId();
        return new Writer(spool, id, spool.createContent(id), session, envelope);
    }

    @Override
    public boolean ready() {
        return runner.running() && Files.isWritable(runner.spool().root());
    }

    private final class Writer implements MessageWriter {

        private final Spool spool;
        private final String id;
        private final FileChannel channel;
        private final SessionView session;
        private final Envelope envelope;
        private long size;
        private boolean finished;

        Writer(Spool spool, String id, FileChannel channel, SessionView session, Envelope envelope) {
            this.spool = spool;
            this.id = id;
            this.channel = channel;
            this.session = session;
            this.envelope = envelope;
        }

        @Override
        public void write(ByteBuffer bytes) throws IOException {
            while (bytes.hasRemaining()) {
                size += channel.write(bytes);
            }
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public InputStream openContent() throws IOException {
            return Channels.newInputStream(FileChannel.open(spool.pendingContent(id), StandardOpenOption.READ));
        }

        @Override
        public String commit() throws IOException {
            // the envelope the target was opened with is the final one: hooks cannot add recipients after DATA
            List<QueuedRecipient> recipients = new ArrayList<>();
            for (Recipient r : envelope.recipients()) {
                // the bare <Postmaster> goes to the configured address (RelayPolicy refuses it without one)
                String address = r.forwardPath().mailbox().map(Mailbox::toString)
                        .orElseGet(() -> settings.postmaster().orElse("postmaster"));
                recipients.add(QueuedRecipient.fresh(address, r.parameters().asMap(), clock.instant()));
            }
            String from = envelope.reversePath().flatMap(ReversePath::mailbox).map(Mailbox::toString).orElse("");
            QueuedMessage message = new QueuedMessage(id, clock.instant(), session.serverName(),
                    session.remoteAddress().getAddress().getHostAddress(), from,
                    envelope.mailParameters().asMap(), recipients, false);
            try {
                spool.commit(channel, message);
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: queueing failed: {}", id, e.toString());
                abort();
                throw e;
            }
            finished = true;
            LOG.info("{}: from=<{}>, size={}, nrcpt={} (queue active)", id, from, size, recipients.size());
            runner.queued(message);
            return id;
        }

        @Override
        public void abort() {
            if (finished) {
                return;
            }
            finished = true;
            try {
                channel.close();
                Files.deleteIfExists(spool.pendingContent(id));
            } catch (IOException e) {
                LOG.warn("{}: removing the unfinished content failed (removed at the next start): {}", id,
                        e.toString());
            }
        }
    }
}
