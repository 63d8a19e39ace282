package dev.pillarbox.forward.dsn;

import dev.pillarbox.smtp.client.DsnReturn;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a delivery status notification reports about one message: its per-message fields (RFC 3464 2.2),
 * where it goes and how much of the original it returns.
 *
 * @param reportingMta this server's host name: the Reporting-MTA ({@code dns; host}, RFC 3464 2.2.2) and the
 *     domain of the {@code MAILER-DAEMON} From address
 * @param envelopeId the ENVID parameter of MAIL FROM, xtext-decoded (RFC 3461 4.4, RFC 3464 2.2.1), if given
 * @param arrivalDate when the message was accepted (Arrival-Date, RFC 3464 2.2.5)
 * @param receivedFromMta the client the message came from as {@code dns;host} (Received-From-MTA, RFC 3464
 *     2.2.4), if known
 * @param originalSender the reverse-path address of the original message: the DSN goes to it; never empty,
 *     as no DSN is sent for the null reverse-path (RFC 3461 6.2, see
 *     {@link DeliveryStatusNotifications#shouldNotify})
 * @param recipients the recipients reported on, at least one; all failed or delayed in one notification, or
 *     all successful
 * @param ret how much of the original a failure returns: the RET parameter (RFC 3461 4.3), {@code FULL} when
 *     the client gave none (as Postfix does)
 * @param maxReturnedSize the largest original returned whole; a larger one is returned as its headers only
 *     (Postfix's {@code bounce_size_limit}, 50000 by default)
 */
public record DsnRequest(String reportingMta, Optional<String> envelopeId, Instant arrivalDate,
                         Optional<String> receivedFromMta, String originalSender,
                         List<ReportedRecipient> recipients, DsnReturn ret, long maxReturnedSize) {

    /** Postfix's default {@code bounce_size_limit}: 50000 bytes. */
    public static final long DEFAULT_MAX_RETURNED_SIZE = 50_000;

    /**
     * Validates and copies the components.
     *
     * @throws IllegalArgumentException naming the component that is wrong
     */
    public DsnRequest {
        Objects.requireNonNull(reportingMta, "reportingMta");
        if (reportingMta.isBlank() || reportingMta.chars().anyMatch(c -> c <= ' ' || c >= 0x7f)) {
            throw new IllegalArgumentException("reportingMta must be a host name: '" + reportingMta + "'");
        }
        Objects.requireNonNull(envelopeId, "envelopeId");
        Objects.requireNonNull(arrivalDate, "arrivalDate");
        Objects.requireNonNull(receivedFromMta, "receivedFromMta");
        Objects.requireNonNull(originalSender, "originalSender");
        if (originalSender.isEmpty() || originalSender.equals("<>")) {
            throw new IllegalArgumentException("no DSN is sent to the null reverse-path (RFC 3461 6.2)");
        }
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a DSN reports on at least one recipient (RFC 3464 2.1)");
        }
        Objects.requireNonNull(ret, "ret");
        if (maxReturnedSize < 0) {
            throw new IllegalArgumentException("maxReturnedSize must not be negative: " + maxReturnedSize);
        }
    }

    /**
     * A request with Postfix's defaults: no Received-From-MTA and originals up to
     * {@link #DEFAULT_MAX_RETURNED_SIZE} returned whole.
     */
    public static DsnRequest of(String reportingMta, Optional<String> envelopeId, Instant arrivalDate,
                                String originalSender, List<ReportedRecipient> recipients, DsnReturn ret) {
        return new DsnRequest(reportingMta, envelopeId, arrivalDate, Optional.empty(), originalSender, recipients,
                ret, DEFAULT_MAX_RETURNED_SIZE);
    }
}
