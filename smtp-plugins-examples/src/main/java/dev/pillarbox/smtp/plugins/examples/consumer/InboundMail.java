package dev.pillarbox.smtp.plugins.examples.consumer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message as the RabbitMQ target published it: the envelope from the headers, the content from the body.
 *
 * @param queueId the id the SMTP client was given in {@code 250 2.0.0 OK: queued as ...}
 * @param sender the reverse-path, {@code <>} for a bounce
 * @param recipients the forward-paths
 * @param recipientParameters each recipient's RCPT parameters (e.g. {@code NOTIFY=SUCCESS}), in the same order
 * @param clientAddress the SMTP client's address (the real one behind a PROXY-protocol load balancer)
 * @param helo the name in the client's EHLO or HELO
 * @param redelivered whether the broker delivered it before (a consumer that failed did not acknowledge it)
 * @param content the message, header section and body, as received (CRLF line endings)
 */
public record InboundMail(String queueId, String sender, List<String> recipients, List<String> recipientParameters,
        String clientAddress, String helo, boolean redelivered, byte[] content) {

    /** Validates and copies the components. */
    public InboundMail {
        Objects.requireNonNull(queueId, "queueId");
        Objects.requireNonNull(sender, "sender");
        recipients = List.copyOf(recipients);
        recipientParameters = List.copyOf(recipientParameters);
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(helo, "helo");
        content = content.clone();
    }

    /** Reads the envelope headers the target sets; a missing one is an empty text or list. */
    static InboundMail of(Map<String, Object> headers, boolean redelivered, byte[] body) {
        Map<String, Object> h = headers == null ? Map.of() : headers;
        return new InboundMail(text(h.get("pillarbox-queue-id")), text(h.get("pillarbox-sender")),
                texts(h.get("pillarbox-recipients")), texts(h.get("pillarbox-recipient-parameters")),
                text(h.get("pillarbox-client-address")), text(h.get("pillarbox-helo")), redelivered, body);
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString(); // AMQP long strings arrive as LongString
    }

    private static List<String> texts(Object value) {
        return value instanceof List<?> list ? list.stream().map(InboundMail::text).toList() : List.of();
    }

    /** The value of the first {@code Subject:} header field, or empty (a real application would use a MIME parser). */
    public String subject() {
        String text = new String(content, StandardCharsets.UTF_8);
        for (String line : text.split("\r\n", -1)) {
            if (line.isEmpty()) {
                break; // end of the header section (RFC 5322 2.1)
            }
            if (line.regionMatches(true, 0, "Subject:", 0, 8)) {
                return line.substring(8).strip();
            }
        }
        return "";
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
