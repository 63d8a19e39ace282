package dev.pillarbox.smtp.plugins.examples.headercheck;

import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;

/**
 * Refuses a message whose header section lacks a required field or has it more than once (RFC 5322 3.6: "The
 * only required header fields are the origination date field and the originator address field(s)", each at most
 * once), with {@code 550 5.6.0} and a reason the sender's user can act on. Reads the stored content only up to
 * the first empty line; the body is never read. The content starts with the server's own {@code Received:}
 * header, which is just one more field here.
 */
@Singleton
final class HeaderCheck implements MessageHook {

    private final HeaderCheckSettings settings;

    @Inject
    HeaderCheck(HeaderCheckSettings settings) {
        this.settings = settings;
    }

    @Override
    public HookPosition position() {
        return HookPosition.EARLY; // content checks before delivery hooks: refuse before anything leaves the server
    }

    @Override
    public HookResult onMessage(SessionView session, Message message) throws IOException {
        HeaderSection headers;
        try (InputStream in = new BufferedInputStream(message.openContent(), 8192)) {
            headers = HeaderSection.read(in, settings.maxHeaderBytes(), true);
        } catch (HeaderSection.Malformed e) {
            return HookResult.reject(Reply.of(550, "5.6.0", e.getMessage()));
        }
        Map<String, Integer> counts = headers.counts();
        for (String name : settings.required()) {
            int count = counts.getOrDefault(name.toLowerCase(Locale.ROOT), 0);
            if (count == 0) {
                return HookResult.reject(Reply.of(550, "5.6.0",
                        "Message must have a " + name + ": header (RFC 5322 3.6)"));
            }
            if (count > 1) {
                return HookResult.reject(Reply.of(550, "5.6.0",
                        "Message must have only one " + name + ": header, it has " + count + " (RFC 5322 3.6)"));
            }
        }
        return HookResult.next();
    }
}
