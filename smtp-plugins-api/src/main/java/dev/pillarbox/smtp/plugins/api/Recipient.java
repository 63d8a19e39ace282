package dev.pillarbox.smtp.plugins.api;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import java.util.Objects;

/**
 * An accepted recipient: its forward-path and the ESMTP parameters of its RCPT command.
 *
 * @param forwardPath the forward-path as given in RCPT TO
 * @param parameters the RCPT parameters (e.g. DSN's NOTIFY, ORCPT)
 */
public record Recipient(ForwardPath forwardPath, EsmtpParameters parameters) {

    /** Validates the components. */
    public Recipient {
        Objects.requireNonNull(forwardPath, "forwardPath");
        Objects.requireNonNull(parameters, "parameters");
    }

    @Override
    public String toString() {
        return forwardPath.toString();
    }
}
