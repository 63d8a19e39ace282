package dev.pillarbox.milter.plugin;

import dev.pillarbox.smtp.core.AddressSyntaxException;
import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.ReversePath;
import dev.pillarbox.smtp.milter.FilteredMessage;
import dev.pillarbox.smtp.milter.HeaderField;
import dev.pillarbox.smtp.milter.MessageContent;
import dev.pillarbox.smtp.milter.Modification;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.Recipient;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message side of the plugin: what the filters are shown of a received message, and how their end-of-message
 * answer changes it.
 *
 * <p>The filters see the message without the server's own trace {@code Received:} field, as Postfix hides its own
 * from milters; header indexes (SMFIR_INSHEADER, SMFIR_CHGHEADER) therefore count the message's own fields. Only the
 * header section is read into memory (at most {@link #MAX_HEADER_SECTION} octets); the body is streamed from the
 * store to each filter.
 */
@Singleton
class MessageFilter {

    /** The most of a header section read into memory; the rest of a longer one is sent as body. */
    static final int MAX_HEADER_SECTION = 1 << 20;

    /** The field that marks a message a filter quarantined (SMFIR_QUARANTINE), with the filter's reason. */
    static final String HOLD_FIELD = "X-Pillarbox-Hold";

    private static final Logger LOG = LoggerFactory.getLogger(MessageFilter.class);

    @Inject
    MessageFilter() {
    }

    /** The message as filters see it: the header fields after the server's trace field, and the body. */
    MessageContent contentOf(Message message) throws IOException {
        byte[] head;
        try (InputStream in = new BufferedInputStream(message.openContent())) {
            head = headerSection(in);
        }
        MessageContent parsed = MessageContent.parse(head);
        // parse() ends the header section at a line that is not a field: that line and the rest are body
        long bodyStart = head.length - parsed.body().bytes().length;
        List<HeaderField> headers = new ArrayList<>(parsed.headers());
        if (!headers.isEmpty() && headers.get(0).hasName("Received")) {
            headers.remove(0);
        }
        return MessageContent.of(headers, () -> {
            InputStream in = message.openContent();
            try {
                in.skipNBytes(bodyStart);
                return in;
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
        });
    }

    /**
     * SMFIR_DISCARD, at any stage of the transaction: as Postfix, the client gets the usual {@code 250} (naming the
     * queue id) and the message is stored nowhere ({@link HookResult#discard}).
     */
    HookResult discard(FilterConversation c) {
        LOG.info("milter: message {} discarded: 250 to the client, stored nowhere", c.queueId());
        return HookResult.discard(Replies.messageAccepted(c.queueId()));
    }

    /**
     * Applies the filters' changes in the order they came, through the plugin API's content changes, so that the
     * store and later hooks see them. Header values are given unfolded (the server folds what it writes). Envelope
     * changes (add and delete recipient, change sender) go into the message's envelope once their address and ESMTP
     * parameters pass the SMTP grammar (RFC 5321 4.1.2); one that does not is logged at WARN and ignored, as Postfix
     * does. A quarantine marks the
     * message with an {@value #HOLD_FIELD} field naming the reason, which a store or a delivery agent can act on.
     */
    HookResult apply(FilterConversation c, Message message, FilteredMessage filtered) throws IOException {
        boolean bodyReplaced = false;
        for (Modification m : filtered.modifications()) {
            if (m instanceof Modification.AddHeader add) {
                message.addHeader(add.field().name(), add.field().unfoldedValue());
            } else if (m instanceof Modification.InsertHeader insert) {
                // Postfix counts insert positions with its own (hidden) Received: field, which stays first here:
                // 0 and 1 both land right below it, n above the message's own n-th field
                int at = (int) Math.min(Math.max(insert.index() - 1, 0), message.headerFields().size());
                message.insertHeader(at, insert.field().name(), insert.field().unfoldedValue());
            } else if (m instanceof Modification.ChangeHeader change) {
                String name = change.field().name();
                int n = (int) Math.max(change.index(), 1); // libmilter's index 0 means the first, as 1 does
                if (count(message, name) >= n) {
                    message.changeHeader(name, n, change.field().unfoldedValue());
                } else {
                    message.addHeader(name, change.field().unfoldedValue()); // no n-th: appended, as Postfix does
                }
            } else if (m instanceof Modification.DeleteHeader delete) {
                int n = (int) Math.max(delete.index(), 1);
                if (count(message, delete.name()) >= n) {
                    message.removeHeader(delete.name(), n);
                }
            } else if (m instanceof Modification.ReplaceBody) {
                if (!bodyReplaced) {
                    // the last filter's body, with CRLF line endings (the library's)
                    try (InputStream body = filtered.content().body().open()) {
                        message.replaceBody(body);
                    }
                    bodyReplaced = true;
                }
            } else {
                changeEnvelope(c, message, m);
            }
        }
        if (filtered.quarantine().isPresent()) {
            message.addHeader(HOLD_FIELD, filtered.quarantine().get());
        }
        return HookResult.next();
    }

    /** SMFIR_ADDRCPT, SMFIR_ADDRCPT_PAR, SMFIR_DELRCPT, SMFIR_CHGFROM: the address and parameters checked first. */
    private static void changeEnvelope(FilterConversation c, Message message, Modification m) {
        // the filter's addresses and parameters may be UTF-8 only where the transaction is (RFC 6531 3.4)
        boolean utf8 = message.envelope().mailParameters().contains("SMTPUTF8");
        try {
            if (m instanceof Modification.AddRecipient add) {
                message.addRecipient(new Recipient(ForwardPath.parse(path(add.address()), utf8),
                        parameters(add.parameters(), utf8)));
            } else if (m instanceof Modification.DeleteRecipient delete) {
                if (!message.removeRecipient(ForwardPath.parse(path(delete.address()), utf8))) {
                    LOG.info("milter: {} of message {}: no such recipient", m, c.queueId());
                }
            } else if (m instanceof Modification.ChangeSender change) {
                message.changeReversePath(ReversePath.parse(path(change.address()), utf8),
                        parameters(change.parameters(), utf8));
            }
        } catch (AddressSyntaxException e) {
            LOG.warn("milter: {} of message {} ignored: {}", m, c.queueId(), e.getMessage());
        }
    }

    /** A path as a filter sends it, with or without its angle brackets (libmilter takes both, as Postfix does). */
    private static String path(String address) {
        String a = address.strip();
        return a.startsWith("<") ? a : "<" + a + ">";
    }

    private static EsmtpParameters parameters(Optional<String> words, boolean utf8) throws AddressSyntaxException {
        return words.isEmpty() ? EsmtpParameters.empty() : EsmtpParameters.parse(words.get().strip(), utf8);
    }

    private static long count(Message message, String name) throws IOException {
        return message.headerFields().stream().filter(f -> f.hasName(name)).count();
    }

    /** The lines up to and including the empty line that ends the header section (or the first MAX octets). */
    private static byte[] headerSection(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        int previous = -1;
        int lineLength = 0;
        int b;
        while ((b = in.read()) >= 0) {
            out.write(b);
            lineLength++;
            if (previous == '\r' && b == '\n') {
                if (lineLength == 2 || out.size() >= MAX_HEADER_SECTION) {
                    break;
                }
                lineLength = 0;
            }
            previous = b;
        }
        return out.toByteArray();
    }
}
