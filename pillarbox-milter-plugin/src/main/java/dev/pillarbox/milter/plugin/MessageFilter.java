package dev.pillarbox.milter.plugin;

import dev.pillarbox.smtp.milter.FilteredMessage;
import dev.pillarbox.smtp.milter.HeaderField;
import dev.pillarbox.smtp.milter.MessageContent;
import dev.pillarbox.smtp.milter.Modification;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
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
     * SMFIR_DISCARD: Postfix answers 250 and throws the message away. The plugin API has no way for a message hook
     * to accept a message without storing it, so the message is stored all the same (nothing is lost) and the
     * discard is logged at WARN for the operator.
     */
    HookResult discard(FilterConversation c) {
        LOG.warn("milter: message {}: a filter said discard; stored all the same (the plugin API cannot drop an "
                + "accepted message)", c.queueId());
        return HookResult.next();
    }

    /** Applies the filters' changes to the message through the plugin API's content changes. */
    HookResult apply(FilterConversation c, Message message, FilteredMessage filtered) {
        for (Modification m : filtered.modifications()) {
            LOG.warn("milter: {} of message {} not applied: the plugin API cannot change a message", m, c.queueId());
        }
        filtered.quarantine().ifPresent(reason -> LOG.warn("milter: message {} to be held (\"{}\"): the plugin API "
                + "cannot mark it", c.queueId(), reason));
        return HookResult.next();
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
