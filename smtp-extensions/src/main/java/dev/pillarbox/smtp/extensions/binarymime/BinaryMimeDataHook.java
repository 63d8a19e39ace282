package dev.pillarbox.smtp.extensions.binarymime;

import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.DataHook;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.extensions.ExtensionReplies;
import dev.pillarbox.smtp.extensions.Extensions;
import dev.pillarbox.smtp.extensions.chunking.Chunking;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Map;

/**
 * Refuses DATA in a {@code BODY=BINARYMIME} transaction with {@code 503 5.5.1} (RFC 3030 3); the first BDAT of the
 * transaction, which runs the DATA hooks too, passes. Built at start-up: without a BDAT verb it fails, naming the
 * missing plugin.
 */
@Singleton
final class BinaryMimeDataHook implements DataHook {

    static final String BINARYMIME = "BINARYMIME";

    @Inject
    BinaryMimeDataHook(Map<String, Provider<CommandHandler>> addedVerbs) {
        // providers, not handlers: BDAT itself needs the DATA hooks, this one among them
        if (!addedVerbs.containsKey("BDAT")) {
            throw new IllegalStateException("the binarymime plugin needs the chunking plugin (BDAT, RFC 3030 3):"
                    + " enable chunking or disable binarymime");
        }
    }

    @Override
    public HookPosition position() {
        return HookPosition.FIRST;
    }

    @Override
    public HookResult onData(SessionView session) {
        boolean binary = Extensions.upperValue(session.envelope().mailParameters(), "BODY")
                .map(BINARYMIME::equals).orElse(false);
        if (binary && !Chunking.usesBdat(session.envelope())) {
            return HookResult.reject(ExtensionReplies.BINARYMIME_NEEDS_BDAT);
        }
        return HookResult.next();
    }
}
