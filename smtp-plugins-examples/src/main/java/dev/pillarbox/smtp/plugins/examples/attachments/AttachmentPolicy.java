package dev.pillarbox.smtp.plugins.examples.attachments;

import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.StringJoiner;

/**
 * Refuses a message with a banned attachment ({@code 554 5.7.1}, RFC 3463: delivery not authorized) and stamps the
 * others with a header field listing their attachments. It reads the message once, streaming, through
 * {@link AttachmentScanner}; the stamp is a header edit, applied as the message is committed.
 */
@Singleton
final class AttachmentPolicy implements MessageHook {

    private final AttachmentPolicySettings settings;
    private final AttachmentScanner scanner;

    @Inject
    AttachmentPolicy(AttachmentPolicySettings settings) {
        this.settings = settings;
        this.scanner = new AttachmentScanner(settings.maxParts());
    }

    @Override
    public HookPosition position() {
        return HookPosition.EARLY; // a content check: refuse before any later hook hands the message on
    }

    @Override
    public HookResult onMessage(SessionView session, Message message) throws IOException {
        List<Attachment> attachments;
        try (InputStream in = message.openContent()) {
            attachments = scanner.scan(in);
        } catch (AttachmentScanner.UnreadableException e) {
            // a structure past the parser's limits cannot be checked: refused, not deferred (it would not change)
            return HookResult.reject(Reply.of(554, "5.6.0", "Message structure cannot be checked: "
                    + printable(e.getMessage())));
        }
        for (Attachment attachment : attachments) {
            if (settings.bannedExtensions().contains(attachment.extension())
                    || settings.bannedTypes().contains(attachment.mimeType())) {
                return HookResult.reject(Reply.of(554, "5.7.1", "Attachment not allowed: "
                        + printable(attachment.label())));
            }
        }
        if (!attachments.isEmpty()) {
            StringJoiner names = new StringJoiner(", ");
            for (Attachment attachment : attachments) {
                names.add(printable(attachment.label()));
            }
            message.addHeader(settings.header(), names.toString());
        }
        return HookResult.next();
    }

    // the client's file name goes into a reply and a header field: only printable ASCII, never a line break
    static String printable(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            out.append(c >= ' ' && c < 0x7f ? c : '?');
        }
        return out.toString();
    }
}
