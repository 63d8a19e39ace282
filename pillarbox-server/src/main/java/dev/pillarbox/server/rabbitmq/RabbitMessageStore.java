package dev.pillarbox.server.rabbitmq;

import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import dev.pillarbox.smtp.plugins.api.Recipient;
import dev.pillarbox.smtp.plugins.api.SessionView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The RabbitMQ delivery target as a {@link MessageStore}: the body is gathered in memory (the server's
 * {@code max-message-size} bounds it) and published at commit, so the 250 follows the broker's confirm. With
 * routing {@code recipient-domain} the message is published once per recipient domain, each copy carrying that
 * domain's recipients; the 250 waits for every copy.
 *
 * <p>Headers (the envelope): {@code pillarbox-queue-id}, {@code pillarbox-sender} (the reverse-path, {@code <>}
 * for bounces), {@code pillarbox-mail-parameters} (e.g. {@code BODY=8BITMIME RET=HDRS}),
 * {@code pillarbox-recipients} (forward-paths) with {@code pillarbox-recipient-parameters} in the same order (e.g.
 * {@code NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;a@example.org}), {@code pillarbox-client-address},
 * {@code pillarbox-helo}, {@code pillarbox-tls} (the protocol, or {@code none}), {@code pillarbox-auth} (the
 * authenticated identity, when there is one), {@code pillarbox-received} (ISO-8601). The message id property is
 * the queue id too.
 */
public final class RabbitMessageStore implements MessageStore {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final RabbitPublisher publisher;

    /** A store publishing through {@code publisher}. */
    public RabbitMessageStore(RabbitPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public MessageWriter open(SessionView session, Envelope envelope) {
        return new Writer(session, envelope);
    }

    /** Ready when the broker is connected (a first connection is tried here; a recovering one is not ready). */
    @Override
    public boolean ready() {
        return publisher.ready();
    }

    /** The publications for one message: one, or one per recipient domain. */
    List<Publication> publications(SessionView session, Envelope envelope, String queueId, byte[] body) {
        RabbitSettings settings = publisher.settings();
        if (settings.routing() == RabbitSettings.Routing.QUEUE) {
            return List.of(new Publication("", settings.queue(), queueId,
                    headers(session, envelope, envelope.recipients(), queueId), body));
        }
        Map<String, List<Recipient>> byDomain = new LinkedHashMap<>();
        for (Recipient r : envelope.recipients()) {
            byDomain.computeIfAbsent(domain(r), d -> new ArrayList<>()).add(r);
        }
        List<Publication> out = new ArrayList<>(byDomain.size());
        byDomain.forEach((domain, recipients) -> out.add(new Publication(settings.exchange(), domain, queueId,
                headers(session, envelope, recipients, queueId), body)));
        return out;
    }

    private static String domain(Recipient recipient) {
        String path = recipient.forwardPath().toString();
        int at = path.lastIndexOf('@');
        String domain = at < 0 ? "" : path.substring(at + 1);
        if (domain.endsWith(">")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        return domain.toLowerCase(Locale.ROOT); // <postmaster> has no domain: routing key ""
    }

    private static Map<String, Object> headers(SessionView session, Envelope envelope, List<Recipient> recipients,
            String queueId) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("pillarbox-queue-id", queueId);
        h.put("pillarbox-sender", envelope.reversePath().map(Object::toString).orElse("<>"));
        h.put("pillarbox-mail-parameters", envelope.mailParameters().toString());
        List<String> paths = new ArrayList<>(recipients.size());
        List<String> parameters = new ArrayList<>(recipients.size());
        for (Recipient r : recipients) {
            paths.add(r.forwardPath().toString());
            parameters.add(r.parameters().toString());
        }
        h.put("pillarbox-recipients", paths);
        h.put("pillarbox-recipient-parameters", parameters);
        h.put("pillarbox-client-address", session.remoteAddress().getAddress().getHostAddress());
        h.put("pillarbox-helo", session.heloName().orElse(""));
        h.put("pillarbox-tls", session.tlsSession().map(s -> s.getProtocol()).orElse("none"));
        session.authenticatedIdentity().ifPresent(id -> h.put("pillarbox-auth", id));
        h.put("pillarbox-received", Instant.now().toString());
        return h;
    }

    private static String newQueueId() {
        byte[] id = new byte[10];
        RANDOM.nextBytes(id);
        return HexFormat.of().withUpperCase().formatHex(id);
    }

    private final class Writer implements MessageWriter {
        private final SessionView session;
        private final Envelope envelope;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream(8192);

        Writer(SessionView session, Envelope envelope) {
            this.session = session;
            this.envelope = envelope;
        }

        @Override
        public void write(ByteBuffer bytes) {
            if (bytes.hasArray()) {
                body.write(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining());
                bytes.position(bytes.limit());
            } else {
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                body.write(copy, 0, copy.length);
            }
        }

        @Override
        public long size() {
            return body.size();
        }

        @Override
        public InputStream openContent() {
            return new ByteArrayInputStream(body.toByteArray());
        }

        @Override
        public String commit() throws PublishException {
            String id = newQueueId();
            publisher.publish(publications(session, envelope, id, body.toByteArray()));
            return id;
        }

        @Override
        public void abort() {
            body.reset();
        }
    }
}
