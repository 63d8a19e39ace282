package dev.pillarbox.smtp.milter;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One filter's answer at end of message: its decision, the changes it asked for (in the order it sent them) and
 * its quarantine reason, if it asked to hold the message.
 */
public record EndOfMessage(String filter, Decision decision, List<Modification> modifications,
        Optional<String> quarantine) {

    public EndOfMessage {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(decision, "decision");
        modifications = List.copyOf(modifications);
        Objects.requireNonNull(quarantine, "quarantine");
    }

    /** An answer with no changes and no quarantine. */
    static EndOfMessage of(String filter, Decision decision, Optional<String> quarantine) {
        return new EndOfMessage(filter, decision, List.of(), quarantine);
    }
}
