package dev.pillarbox.forward;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code pillarbox queue list|show|flush|delete|hold|release} does, on the spool's files: the same whether the
 * server runs or not. A change to a message's state is written like the runner writes it (temporary file, force,
 * rename) and then a marker tells a running runner to read the queue again within a second; {@code flush} leaves a
 * marker that the runner (or the next start) turns into "every pending recipient is due now".
 */
public final class QueueAdmin {

    private final Spool spool;

    private QueueAdmin(Spool spool) {
        this.spool = spool;
    }

    /**
     * The queue in {@code spoolDirectory} ({@code plugins.forward.spool}).
     *
     * @throws NoSuchFileException if there is no queue there
     */
    public static QueueAdmin open(Path spoolDirectory) throws IOException {
        if (!Files.isDirectory(spoolDirectory.resolve("queue"))) {
            throw new NoSuchFileException(spoolDirectory.toString(), null, "no queue there (plugins.forward.spool;"
                    + " the gateway creates it when it starts)");
        }
        return new QueueAdmin(Spool.open(spoolDirectory));
    }

    /** Every queued message, oldest first. */
    public List<QueuedMessage> list() throws IOException {
        return spool.list();
    }

    /** The message {@code id}, if queued. */
    public Optional<QueuedMessage> show(String id) throws IOException {
        return spool.read(id);
    }

    /** The content file of message {@code id}. */
    public Path content(String id) {
        return spool.content(id);
    }

    /** Asks for every pending recipient to be tried now (at once on a running server, else at the next start). */
    public void flush() throws IOException {
        spool.requestFlush();
    }

    /** Removes message {@code id} without a notification; false if it was not queued. */
    public boolean delete(String id) throws IOException {
        if (spool.read(id).isEmpty()) {
            return false;
        }
        spool.remove(id);
        spool.requestRescan();
        return true;
    }

    /** Holds ({@code true}) or releases message {@code id}; false if it was not queued. */
    public boolean hold(String id, boolean hold) throws IOException {
        Optional<QueuedMessage> m = spool.read(id);
        if (m.isEmpty()) {
            return false;
        }
        spool.update(m.get().withHeld(hold));
        spool.requestRescan();
        return true;
    }

    /** The listing of {@code pillarbox queue list}: one block per message, as Postfix's mailq. */
    private static String describe(List<QueuedMessage> messages, Spool sizes) {
        StringBuilder sb = new StringBuilder();
        for (QueuedMessage m : messages) {
            describe(sb, m, size(sizes, m.id()));
        }
        sb.append("-- ").append(messages.size()).append(messages.size() == 1 ? " message" : " messages")
                .append(" in the queue\n");
        return sb.toString();
    }

    /** The listing of {@code pillarbox queue list} for this queue. */
    public String listing() throws IOException {
        return describe(list(), spool);
    }

    /** One message as {@code pillarbox queue show} prints it. */
    public String describe(QueuedMessage m) {
        StringBuilder sb = new StringBuilder();
        describe(sb, m, size(spool, m.id()));
        sb.append("  arrival: ").append(m.arrival()).append('\n');
        sb.append("  reporting-mta: ").append(m.reportingMta()).append(", client: ")
                .append(m.client().isEmpty() ? "(none: made here)" : m.client()).append('\n');
        if (!m.mailParameters().isEmpty()) {
            sb.append("  mail parameters: ").append(m.mailParameters()).append('\n');
        }
        sb.append("  content: ").append(spool.content(m.id())).append('\n');
        return sb.toString();
    }

    private static void describe(StringBuilder sb, QueuedMessage m, long size) {
        sb.append(String.format(Locale.ROOT, "%-18s %9d %s <%s>%s%n", m.id(), size, m.arrival(), m.reversePath(),
                m.held() ? " (held)" : ""));
        Instant now = Instant.now();
        for (QueuedRecipient r : m.recipients()) {
            sb.append("    <").append(r.address()).append("> ").append(r.state().name().toLowerCase(Locale.ROOT));
            if (!r.state().isFinal()) {
                sb.append(", attempts ").append(r.attempts()).append(", next ")
                        .append(r.nextAttempt().isAfter(now) ? r.nextAttempt().toString() : "now");
            }
            if (!r.lastReply().isEmpty()) {
                sb.append(", relay ").append(r.relay()).append(": ").append(r.lastReply());
            }
            sb.append('\n');
        }
    }

    private static long size(Spool spool, String id) {
        try {
            return Files.size(spool.content(id));
        } catch (IOException e) {
            return -1;
        }
    }
}
