package org.example.mail.stamp;

import com.google.inject.name.Named;
import dev.pillarbox.smtp.plugins.api.AttributeKey;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import jakarta.inject.Inject;
import java.io.IOException;

/** Stamps each message and counts the messages of the session. */
final class StampHook implements MessageHook {

    static final AttributeKey<Integer> MESSAGES = AttributeKey.of("stamp.messages", Integer.class);

    private final String value;

    @Inject
    StampHook(@Named(StampPlugin.VALUE) String value) {
        this.value = value;
    }

    @Override
    public HookResult onMessage(SessionView session, Message message) throws IOException {
        int n = session.attribute(MESSAGES).orElse(0) + 1;
        session.attribute(MESSAGES, n);
        message.addHeader("X-Stamp", value + " " + n);
        return HookResult.next();
    }
}
