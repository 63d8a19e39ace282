package dev.pillarbox.smtp.extensions.chunking;

import dev.pillarbox.smtp.plugins.api.DataHook;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.extensions.ExtensionReplies;
import dev.pillarbox.smtp.extensions.Extensions;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Refuses DATA after BDAT chunks in the same transaction with {@code 503 5.5.1}: RFC 3030 2 makes a message go by
 * DATA or by BDAT, and a BDAT after DATA finds no transaction (DATA ended it), which BDAT answers the same way.
 */
@Singleton
final class DataAfterBdatHook implements DataHook {

    @Inject
    DataAfterBdatHook() {
    }

    @Override
    public HookPosition position() {
        return HookPosition.FIRST;
    }

    @Override
    public HookResult onData(SessionView session) {
        if (Chunking.chunksReceived(session.envelope()) > 0) {
            return HookResult.reject(ExtensionReplies.DATA_AFTER_BDAT);
        }
        return HookResult.next();
    }
}
