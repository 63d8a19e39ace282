package dev.pillarbox.forward;

import dev.pillarbox.forward.dsn.Action;
import dev.pillarbox.forward.dsn.DeliveryStatusNotifications;
import dev.pillarbox.forward.dsn.DsnRequest;
import dev.pillarbox.forward.dsn.ReportedRecipient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bounces and delay notices (RFC 3464 multipart/report) for a queued message, composed by
 * {@link DeliveryStatusNotifications} and queued like any other message: from the null reverse-path (RFC 5321
 * 4.5.5) to the original sender, so a notification is never notified about.
 */
final class Notices {

    private final ForwardSettings settings;

    Notices(ForwardSettings settings) {
        this.settings = settings;
    }

    /** One recipient to report on and what happened to it at its last attempt. */
    record Reported(QueuedRecipient recipient, Attempt attempt, Instant at, String remoteHost) {
    }

    /**
     * The recipients of {@code reported} that asked for a notice of {@code action} (NOTIFY, RFC 3461 4.1); none
     * for the null sender.
     */
    static List<Reported> wanted(QueuedMessage message, List<Reported> reported, Action action,
            boolean delayByDefault) {
        List<Reported> wanted = new ArrayList<>();
        for (Reported r : reported) {
            if (DeliveryStatusNotifications.shouldNotify(message.reversePath(),
                    DsnParameters.notify(r.recipient().parameters()), action, delayByDefault)) {
                wanted.add(r);
            }
        }
        return wanted;
    }

    /**
     * Composes a notification of {@code action} about {@code reported} (non-empty, all wanted) and returns it as a
     * new queued message with id {@code id}, due now.
     */
    QueuedMessage compose(String id, QueuedMessage message, Path content, List<Reported> reported, Action action,
            Instant now, Spool spool) throws IOException {
        List<ReportedRecipient> recipients = new ArrayList<>();
        for (Reported r : reported) {
            Optional<String> orcpt = DsnParameters.originalRecipient(r.recipient().parameters());
            Optional<String> host = r.attempt().replied() ? Optional.of(r.remoteHost()) : Optional.empty();
            Optional<String> reply = Optional.of(r.attempt().detail()).filter(s -> !s.isEmpty());
            recipients.add(switch (action) {
                case FAILED -> ReportedRecipient.failed(r.recipient().address(), orcpt,
                        r.attempt().dsn().replaceFirst("^4", "5"), host, reply, r.at());
                case DELAYED -> ReportedRecipient.delayed(r.recipient().address(), orcpt, r.attempt().dsn(), host,
                        reply, r.at(), message.arrival().plus(settings.queueLifetime()));
                // RFC 3461 5.2.2 / 5.3: the hop took it without DSN (relayed), or an LMTP hop delivered it
                default -> new ReportedRecipient(ReportedRecipient.rfc822(r.recipient().address()), orcpt, action,
                        r.attempt().dsn(), host.map(h -> "dns;" + h), reply.map(d -> "smtp; " + d),
                        Optional.of(r.at()), Optional.empty());
            });
        }
        DsnRequest request = new DsnRequest(message.reportingMta(), DsnParameters.envelopeId(message.mailParameters()),
                message.arrival(), message.client().isEmpty() ? Optional.empty()
                        : Optional.of("dns;[" + message.client() + "]"),
                message.reversePath(), recipients, DsnParameters.ret(message.mailParameters()),
                settings.maxReturnedSize());
        byte[] notice;
        try (InputStream in = Files.newInputStream(content)) {
            notice = DeliveryStatusNotifications.compose(request, in, now, message.reportingMta());
        }
        // a notice returning 8-bit content is 8-bit itself (RFC 6152); one to or about UTF-8 addresses needs SMTPUTF8
        Map<String, String> parameters = new java.util.LinkedHashMap<>();
        if (DeliveryStatusNotifications.isEightBit(notice)) {
            parameters.put("BODY", "8BITMIME");
        }
        if (message.mailParameters().containsKey("SMTPUTF8")) {
            parameters.put("SMTPUTF8", message.mailParameters().get("SMTPUTF8"));
        }
        QueuedMessage queued = new QueuedMessage(id, now, message.reportingMta(), "", "", parameters,
                List.of(QueuedRecipient.fresh(message.reversePath(), Map.of(), now)), false);
        spool.enqueue(notice, queued);
        return queued;
    }
}
