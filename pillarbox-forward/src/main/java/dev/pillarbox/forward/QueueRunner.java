package dev.pillarbox.forward;

import dev.pillarbox.forward.dsn.Action;
import dev.pillarbox.smtp.client.BodyType;
import dev.pillarbox.smtp.client.ClientSettings;
import dev.pillarbox.smtp.client.Credentials;
import dev.pillarbox.smtp.client.DsnNotify;
import dev.pillarbox.smtp.client.Envelope;
import dev.pillarbox.smtp.client.ExtensionNotOfferedException;
import dev.pillarbox.smtp.client.MessageBody;
import dev.pillarbox.smtp.client.MessageTooLargeException;
import dev.pillarbox.smtp.client.Recipient;
import dev.pillarbox.smtp.client.RecipientResult;
import dev.pillarbox.smtp.client.SendResult;
import dev.pillarbox.smtp.client.SmtpClient;
import dev.pillarbox.smtp.client.Timeouts;
import dev.pillarbox.smtp.client.TlsMode;
import dev.pillarbox.smtp.client.TlsOptions;
import dev.pillarbox.smtp.plugins.api.PluginService;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue runner: a {@link PluginService} that the server starts before it listens and stops after its last
 * session. At start it recovers the {@link Spool} (a crash leaves nothing half-queued) and resumes every queued
 * message. A scheduler thread hands each message whose recipients are due to the next hop of their route; per next
 * hop at most {@code destination-concurrency} connections are open, each reused for message after message
 * (pipelined by {@code smtp-client} when the hop offers PIPELINING), with up to {@code recipients-per-transaction}
 * recipients per transaction and LMTP's per-recipient replies. Each recipient's outcome is logged
 * ({@link DeliveryLog}) and recorded in the message's state file before anything else happens: 2yz sent, 4yz or a
 * connection failure retried on the backoff schedule, 5yz or the end of the queue lifetime bounced (RFC 3464
 * notification to the sender, never for the null sender). A message leaves the queue when every recipient is
 * final. Delivery is at least once: a crash between the hop's 250 and the state update repeats the delivery.
 */
@Singleton
public final class QueueRunner implements PluginService {

    private static final Logger LOG = LoggerFactory.getLogger(QueueRunner.class);
    // how often the scheduler looks for operator requests (the flush marker) when nothing else wakes it
    private static final Duration SCAN = Duration.ofSeconds(1);
    private static final int LOCK_STRIPES = 64;

    private final ForwardSettings settings;
    private final Clock clock;
    private final Notices notices;
    private final Map<String, QueuedMessage> index = new ConcurrentHashMap<>();
    private final Map<Path, SSLContext> trustContexts = new ConcurrentHashMap<>();
    private final Set<String> busy = ConcurrentHashMap.newKeySet();
    private final Map<String, Destination> destinations = new ConcurrentHashMap<>();
    private final Object[] locks = new Object[LOCK_STRIPES];
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition wake = wakeLock.newCondition();
    private boolean signalled;

    private volatile Spool spool;
    private volatile boolean running;
    private Thread scheduler;
    private ExecutorService workers;

    @Inject
    QueueRunner(ForwardSettings settings) {
        this(settings, Clock.systemUTC());
    }

    /** A runner with its own clock (tests move time on). */
    QueueRunner(ForwardSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.notices = new Notices(settings);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    @Override
    public synchronized void start() throws IOException {
        if (running) {
            throw new IllegalStateException("queue runner already started");
        }
        spool = Spool.open(settings.spool());
        List<QueuedMessage> recovered = spool.recover();
        for (QueuedMessage m : recovered) {
            index.put(m.id(), m);
        }
        running = true;
        workers = newWorkers();
        scheduler = new Thread(this::schedule, "pillarbox-forward-scheduler");
        scheduler.setDaemon(true);
        scheduler.start();
        LOG.info("queue runner started on {}: {} message(s) queued; routes {}", spool.root(), recovered.size(),
                settings.routes());
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            thread = scheduler;
        }
        signal();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            workers.shutdown();
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                // a delivery still waiting on a next hop: interrupting closes its socket; it is retried after start
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.info("queue runner stopped");
    }

    /** True between {@link #start()} and {@link #close()}. */
    public boolean running() {
        return running;
    }

    /** The spool (open once started). */
    public Spool spool() {
        Spool s = spool;
        if (s == null) {
            throw new IllegalStateException("the queue runner has not started: no spool");
        }
        return s;
    }

    /** The clock stamping arrival and attempt times. */
    Clock clock() {
        return clock;
    }

    /** The messages queued now, as the runner last recorded them. */
    public List<QueuedMessage> snapshot() {
        List<QueuedMessage> list = new ArrayList<>(index.values());
        list.sort((a, b) -> a.arrival().compareTo(b.arrival()));
        return list;
    }

    /** A message was queued (the target committed it): deliver it now. */
    void queued(QueuedMessage message) {
        index.put(message.id(), message);
        signal();
    }

    /** Makes every pending recipient due now, as {@code pillarbox queue flush} asks. */
    public void flush() throws IOException {
        spool().requestFlush();
        signal();
    }

    private void signal() {
        wakeLock.lock();
        try {
            signalled = true;
            wake.signalAll();
        } finally {
            wakeLock.unlock();
        }
    }

    private void schedule() {
        while (running) {
            Instant next;
            try {
                if (spool.takeFlushRequest()) {
                    reload(true);
                } else if (spool.takeRescanRequest()) {
                    reload(false);
                }
                next = dispatch(clock.instant());
            } catch (IOException | RuntimeException e) {
                LOG.error("queue scheduler: {}", e.toString(), e);
                next = clock.instant().plus(SCAN);
            }
            awaitUntil(next);
        }
    }

    /** Re-reads the queue from disk (operators change it with the queue command); with {@code due}, all due now. */
    private void reload(boolean due) throws IOException {
        Instant now = clock.instant();
        Map<String, QueuedMessage> fresh = new LinkedHashMap<>();
        for (QueuedMessage m : spool.list()) {
            fresh.put(m.id(), m);
        }
        index.keySet().retainAll(fresh.keySet());
        for (QueuedMessage m : fresh.values()) {
            if (due) {
                synchronized (lock(m.id())) {
                    Optional<QueuedMessage> current = spool.read(m.id());
                    if (current.isEmpty()) {
                        continue;
                    }
                    List<QueuedRecipient> rs = new ArrayList<>();
                    for (QueuedRecipient r : current.get().recipients()) {
                        rs.add(r.state().isFinal() ? r : r.dueAt(now));
                    }
                    m = current.get().withRecipients(rs);
                    spool.update(m);
                }
            }
            index.put(m.id(), m);
        }
        LOG.info("queue {}: {} message(s)", due ? "flushed" : "read again", fresh.size());
    }

    /** Hands every due (message, next hop) to its destination; returns when the scheduler should look again. */
    private Instant dispatch(Instant now) throws IOException {
        Instant next = now.plus(SCAN);
        for (QueuedMessage m : index.values()) {
            if (m.held()) {
                continue;
            }
            Map<String, NextHop> hops = new LinkedHashMap<>();
            List<QueuedRecipient> unroutable = new ArrayList<>();
            for (QueuedRecipient r : m.recipients()) {
                if (r.state().isFinal()) {
                    continue;
                }
                if (r.nextAttempt().isAfter(now)) {
                    next = r.nextAttempt().isBefore(next) ? r.nextAttempt() : next;
                    continue;
                }
                Optional<NextHop> hop = settings.routes().route(r.domain());
                if (hop.isPresent()) {
                    hops.putIfAbsent(hop.get().destination(), hop.get());
                } else {
                    unroutable.add(r);
                }
            }
            if (!unroutable.isEmpty() && busy.add(m.id() + " none")) {
                // the routes changed since the message was taken: wait for them to come back
                try {
                    Map<QueuedRecipient, Attempt> outcomes = new LinkedHashMap<>();
                    for (QueuedRecipient r : unroutable) {
                        outcomes.put(r, Attempt.unroutable("no route to " + r.domain() + " in plugins."
                                + ForwardSettings.PLUGIN + ".routes"));
                    }
                    record(m.id(), outcomes, "none", "none", null);
                } finally {
                    busy.remove(m.id() + " none");
                }
            }
            for (NextHop hop : hops.values()) {
                String key = m.id() + " " + hop.destination();
                if (busy.add(key)) {
                    destinations.computeIfAbsent(hop.destination(), d -> new Destination(hop))
                            .submit(new Job(m.id(), key, now));
                }
            }
        }
        return next;
    }

    private void awaitUntil(Instant when) {
        wakeLock.lock();
        try {
            long nanos = Duration.between(clock.instant(), when).toNanos();
            while (!signalled && running && nanos > 0) {
                nanos = wake.awaitNanos(Math.min(nanos, SCAN.toNanos()));
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            wakeLock.unlock();
        }
    }

    private Object lock(String id) {
        return locks[Math.floorMod(id.hashCode(), LOCK_STRIPES)];
    }

    /** One message's recipients for one next hop. */
    private record Job(String id, String key, Instant submitted) {
    }

    /** The jobs for one next hop and the connections open to it (at most destination-concurrency). */
    private final class Destination {

        private final NextHop hop;
        private final ConcurrentLinkedQueue<Job> jobs = new ConcurrentLinkedQueue<>();
        private int active;
        private Instant failedAt = Instant.MIN;
        private Attempt failure;

        Destination(NextHop hop) {
            this.hop = hop;
        }

        void submit(Job job) {
            jobs.add(job);
            synchronized (this) {
                if (active < settings.destinationConcurrency() && active < jobs.size()) {
                    active++;
                    try {
                        workers.execute(this::work);
                    } catch (RuntimeException e) {
                        active--;
                        jobs.remove(job);
                        busy.remove(job.key());
                        throw e;
                    }
                }
            }
        }

        private Job next() {
            synchronized (this) {
                Job job = running ? jobs.poll() : null;
                if (job == null) {
                    active--;
                }
                return job;
            }
        }

        private void work() {
            Connection connection = new Connection(hop);
            try {
                for (Job job = next(); job != null; job = next()) {
                    try {
                        deliver(job, connection);
                    } catch (IOException | RuntimeException e) {
                        LOG.error("{}: delivery to {} failed: {}", job.id(), hop.destination(), e.toString(), e);
                    } finally {
                        busy.remove(job.key());
                        signal();
                    }
                }
            } finally {
                connection.close();
            }
        }

        private synchronized Attempt failedSince(Instant submitted) {
            return failedAt.isAfter(submitted) ? failure : null;
        }

        private synchronized void failed(Instant at, Attempt why) {
            failedAt = at;
            failure = why;
        }

        private void deliver(Job job, Connection connection) throws IOException {
            Optional<QueuedMessage> read = spool.read(job.id());
            if (read.isEmpty()) {
                index.remove(job.id()); // deleted by an operator meanwhile
                return;
            }
            QueuedMessage m = read.get();
            if (m.held()) {
                index.put(m.id(), m);
                return;
            }
            Instant now = clock.instant();
            List<QueuedRecipient> due = new ArrayList<>();
            for (QueuedRecipient r : m.recipients()) {
                if (!r.state().isFinal() && !r.nextAttempt().isAfter(now)
                        && settings.routes().route(r.domain()).map(h -> h.destination().equals(hop.destination()))
                                .orElse(false)) {
                    due.add(r);
                }
            }
            for (int from = 0; from < due.size(); from += settings.recipientsPerTransaction()) {
                List<QueuedRecipient> batch = due.subList(from, Math.min(due.size(),
                        from + settings.recipientsPerTransaction()));
                Map<QueuedRecipient, Attempt> outcomes = transaction(m, batch, job, connection);
                record(m.id(), outcomes, connection.relay(), hop.host(), connection.successAction());
            }
        }

        private Map<QueuedRecipient, Attempt> transaction(QueuedMessage m, List<QueuedRecipient> batch, Job job,
                Connection connection) {
            Map<QueuedRecipient, Attempt> outcomes = new LinkedHashMap<>();
            Attempt earlier = failedSince(job.submitted());
            if (earlier != null) {
                // the hop failed after this job was handed out: do not wait for it once per message
                batch.forEach(r -> outcomes.put(r, earlier));
                return outcomes;
            }
            SmtpClient client;
            try {
                client = connection.client();
            } catch (IOException e) {
                Attempt a = Attempt.failure(e, true);
                failed(clock.instant(), a);
                batch.forEach(r -> outcomes.put(r, a));
                return outcomes;
            }
            Envelope envelope;
            try {
                envelope = envelope(m, batch);
            } catch (IllegalArgumentException e) {
                batch.forEach(r -> outcomes.put(r, Attempt.refused("5.1.3", e.getMessage())));
                return outcomes;
            }
            try {
                SendResult result = client.send(envelope, MessageBody.of(spool.content(m.id())));
                List<RecipientResult> results = result.recipients();
                for (int i = 0; i < batch.size(); i++) {
                    outcomes.put(batch.get(i), Attempt.of(results.get(i).reply()));
                }
            } catch (MessageTooLargeException e) {
                batch.forEach(r -> outcomes.put(r, Attempt.refused("5.3.4", e.getMessage())));
            } catch (ExtensionNotOfferedException e) {
                // RFC 6531 3.4 / RFC 6152 3: the hop cannot take what the message needs; no downgrade here
                batch.forEach(r -> outcomes.put(r, Attempt.refused("5.6.7", e.getMessage())));
            } catch (IOException e) {
                Attempt a = Attempt.failure(e, false);
                batch.forEach(r -> outcomes.put(r, a));
                connection.close();
            }
            return outcomes;
        }
    }

    /** One reusable connection to a next hop, opened when first needed and again after it broke. */
    private final class Connection {

        private final NextHop hop;
        private SmtpClient client;
        private String relay = "none";

        Connection(NextHop hop) {
            this.hop = hop;
        }

        SmtpClient client() throws IOException {
            if (client != null && client.isUsable()) {
                return client;
            }
            close();
            String address;
            try {
                address = InetAddress.getByName(hop.host()).getHostAddress();
            } catch (UnknownHostException e) {
                relay = "none";
                throw e;
            }
            relay = "none";
            client = SmtpClient.connect(hop.host(), hop.port(), clientSettings(hop));
            relay = hop.host() + "[" + address + "]:" + hop.port();
            return client;
        }

        String relay() {
            return relay;
        }

        /**
         * The notice a recipient with NOTIFY=SUCCESS gets once this hop took it: none when the hop speaks DSN (the
         * parameters went with the message and the duty to report passed on, RFC 3461 5.2.1); "delivered" from
         * an LMTP hop, the final delivery agent; "relayed" from an SMTP hop without DSN (RFC 3461 5.2.2).
         */
        Action successAction() {
            if (client != null && client.capabilities().dsn()) {
                return null;
            }
            return hop.lmtp() ? Action.DELIVERED : Action.RELAYED;
        }

        void close() {
            if (client != null) {
                client.close();
                client = null;
            }
        }
    }

    /** Records the outcomes of one attempt: log lines, notifications, the new state (or removal). */
    private void record(String id, Map<QueuedRecipient, Attempt> outcomes, String relay, String remoteHost,
            Action successAction) throws IOException {
        synchronized (lock(id)) {
            Optional<QueuedMessage> read = spool.read(id);
            if (read.isEmpty()) {
                index.remove(id);
                return;
            }
            QueuedMessage m = read.get();
            Instant now = clock.instant();
            Duration delay = Duration.between(m.arrival(), now);
            List<QueuedRecipient> updated = new ArrayList<>();
            List<Notices.Reported> bounced = new ArrayList<>();
            List<Notices.Reported> delayed = new ArrayList<>();
            List<Notices.Reported> succeeded = new ArrayList<>();
            for (QueuedRecipient r : m.recipients()) {
                Attempt a = outcomeFor(outcomes, r);
                if (a == null) {
                    updated.add(r);
                    continue;
                }
                a = a.expired(m.arrival(), now, settings.queueLifetime());
                DeliveryLog.log(id, r.address(), relay, delay, a);
                QueuedRecipient after;
                switch (a.status()) {
                    case SENT -> {
                        after = r.attempted(QueuedRecipient.State.SENT, now, a.detail(), relay);
                        if (successAction != null) {
                            succeeded.add(new Notices.Reported(r, a, now, remoteHost));
                        }
                    }
                    case BOUNCED -> {
                        after = r.attempted(QueuedRecipient.State.BOUNCED, now, a.detail(), relay);
                        bounced.add(new Notices.Reported(r, a, now, remoteHost));
                    }
                    default -> {
                        Duration wait = Backoff.after(settings.retrySchedule(), r.attempts() + 1);
                        after = r.attempted(QueuedRecipient.State.PENDING, now.plus(wait), a.detail(), relay);
                        if (settings.delayWarning().isPresent() && !r.delayNotified()
                                && !now.isBefore(m.arrival().plus(settings.delayWarning().get()))) {
                            delayed.add(new Notices.Reported(r, a, now, remoteHost));
                            after = after.withDelayNotified();
                        }
                    }
                }
                updated.add(after);
            }
            // the notifications are queued before the state says "bounced": a crash in between repeats a notice
            // (a duplicate) rather than losing it
            if (!notify(m, bounced, Action.FAILED)) {
                // the bounce could not be queued (a full disk): the recipients stay pending, so that the next
                // attempt brings the refusal, and the bounce, again; a notification is never dropped silently
                for (Notices.Reported r : bounced) {
                    int i = indexOf(updated, r.recipient().address());
                    QueuedRecipient b = updated.get(i);
                    updated.set(i, new QueuedRecipient(b.address(), b.parameters(), QueuedRecipient.State.PENDING,
                            b.attempts(), now.plus(Backoff.after(settings.retrySchedule(), b.attempts())),
                            b.lastReply(), b.relay(), b.delayNotified()));
                }
            }
            notify(m, delayed, Action.DELAYED);
            if (successAction != null) {
                notify(m, succeeded, successAction);
            }
            QueuedMessage next = m.withRecipients(updated);
            if (next.done()) {
                boolean undeliverableNotice = next.nullSender() && next.recipients().stream()
                        .anyMatch(r -> r.state() == QueuedRecipient.State.BOUNCED);
                if (undeliverableNotice) {
                    // RFC 5321 4.5.5: nothing is sent about a message from <>; it stays for the operator to see
                    next = next.withHeld(true);
                    index.put(id, next);
                    spool.update(next);
                    DeliveryLog.message(id, "undeliverable notification (from <>) kept on hold; `pillarbox queue"
                            + " delete " + id + "` removes it");
                } else {
                    spool.remove(id);
                    index.remove(id);
                    DeliveryLog.message(id, "removed");
                }
            } else {
                // memory first: if the disk refuses the update (full), the backoff still holds in this run and the
                // state on disk is the older one, which at worst repeats an attempt after a restart
                index.put(id, next);
                spool.update(next);
            }
        }
    }

    private static Attempt outcomeFor(Map<QueuedRecipient, Attempt> outcomes, QueuedRecipient r) {
        if (r.state().isFinal()) {
            return null;
        }
        for (Map.Entry<QueuedRecipient, Attempt> e : outcomes.entrySet()) {
            if (e.getKey().address().equals(r.address()) && e.getKey().parameters().equals(r.parameters())) {
                return e.getValue();
            }
        }
        return null;
    }

    private static int indexOf(List<QueuedRecipient> recipients, String address) {
        for (int i = 0; i < recipients.size(); i++) {
            if (recipients.get(i).address().equals(address)) {
                return i;
            }
        }
        throw new IllegalStateException("no recipient " + address);
    }

    /** Queues the notification the recipients asked for; false only if one was due and could not be queued. */
    private boolean notify(QueuedMessage m, List<Notices.Reported> reported, Action action) {
        List<Notices.Reported> wanted = Notices.wanted(m, reported, action, false);
        if (wanted.isEmpty()) {
            return true;
        }
        try {
            QueuedMessage notice = notices.compose(spool.newId(), m, spool.content(m.id()), wanted, action,
                    clock.instant(), spool);
            index.put(notice.id(), notice);
            String kind = switch (action) {
                case FAILED -> "non-delivery";
                case DELAYED -> "delay";
                default -> "delivery status (" + action.fieldValue() + ")";
            };
            DeliveryLog.message(m.id(), "sender " + kind + " notification: " + notice.id());
            signal();
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: cannot queue the {} notification to <{}>: {}", m.id(), action.fieldValue(),
                    m.reversePath(), e.toString(), e);
            return false;
        }
    }

    private Envelope envelope(QueuedMessage m, List<QueuedRecipient> batch) {
        Envelope.Builder b = Envelope.builder().from(m.reversePath());
        String body = m.mailParameters().getOrDefault("BODY", "");
        if (body.equalsIgnoreCase("8BITMIME")) {
            b.body(BodyType.EIGHT_BIT_MIME);
        } else if (body.equalsIgnoreCase("BINARYMIME")) {
            b.body(BodyType.BINARY_MIME);
        }
        if (m.mailParameters().containsKey("SMTPUTF8")) {
            b.smtpUtf8(true);
        }
        // RFC 3461 5.2: pass the DSN parameters on (the client leaves them out when the hop lacks DSN)
        DsnParameters.givenRet(m.mailParameters()).ifPresent(b::dsnReturn);
        DsnParameters.envelopeId(m.mailParameters()).ifPresent(b::envelopeId);
        for (QueuedRecipient r : batch) {
            Recipient rcpt = Recipient.parse(r.address());
            Set<DsnNotify> notify = DsnParameters.notify(r.parameters());
            if (!notify.isEmpty()) {
                rcpt = rcpt.withNotify(notify.toArray(new DsnNotify[0]));
            }
            Optional<String> orcpt = DsnParameters.originalAddress(r.parameters());
            if (orcpt.isPresent()) {
                rcpt = rcpt.withOriginalRecipient(orcpt.get());
            }
            b.to(rcpt);
        }
        return b.build();
    }

    private ClientSettings clientSettings(NextHop hop) throws IOException {
        ClientSettings.Builder b = ClientSettings.builder().lmtp(hop.lmtp())
                .timeouts(settings.timeout().map(Timeouts::all).orElse(Timeouts.rfc5321()));
        settings.heloName().ifPresent(b::heloName);
        switch (hop.tls()) {
            case REQUIRED -> {
                TlsOptions.Builder tls = TlsOptions.builder().mode(TlsMode.STARTTLS_REQUIRED).verifyHostname(true);
                if (hop.trust().isPresent()) {
                    tls.context(trusted(hop.trust().get()));
                }
                b.tls(tls.build());
            }
            case OPPORTUNISTIC -> b.tls(TlsOptions.builder().mode(TlsMode.STARTTLS_OPPORTUNISTIC)
                    .context(unverified()).verifyHostname(false).build());
            default -> b.tls(TlsOptions.none());
        }
        if (hop.username().isPresent()) {
            Credentials credentials = Credentials.of(hop.username().get(), hop.password().orElseThrow());
            // settings refuse AUTH in plain text except to loopback
            b.credentials(hop.tls() == NextHop.TlsPolicy.NONE ? credentials.allowingWithoutTls() : credentials);
        }
        return b.build();
    }

    /** The TLS context of a route's {@code trust} file, read once (it was checked at start-up). */
    private SSLContext trusted(Path file) throws IOException {
        try {
            return trustContexts.computeIfAbsent(file, f -> TrustFile.context("trust", f));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    // Opportunistic TLS (RFC 7435): encryption without authentication, as Postfix's "may" level; a hop that needs
    // its certificate checked gets tls: required
    private static SSLContext unverified() throws IOException {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    throw new UnsupportedOperationException("a client trust manager");
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    // any certificate: opportunistic TLS protects against passive listeners only
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS context: " + e.getMessage(), e);
        }
    }

    private static ExecutorService newWorkers() {
        try {
            // Java 21+: a virtual thread per connection, as the server does for sessions
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            return Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "pillarbox-forward-delivery");
                t.setDaemon(true);
                return t;
            });
        }
    }
}
