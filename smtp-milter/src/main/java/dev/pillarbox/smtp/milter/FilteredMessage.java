package dev.pillarbox.smtp.milter;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link MilterChain} made of a message: the decision (continue unless a filter rejected, deferred,
 * discarded or failed without accept as its default action), the message with every filter's header and body
 * changes applied, all changes in order (the envelope changes for the caller to apply), the first quarantine
 * reason, and each filter's own answer for the logs.
 */
public record FilteredMessage(Decision decision, MessageContent content, List<Modification> modifications,
        Optional<String> quarantine, List<EndOfMessage> answers) {

    public FilteredMessage {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(content, "content");
        modifications = List.copyOf(modifications);
        Objects.requireNonNull(quarantine, "quarantine");
        answers = List.copyOf(answers);
    }

    /** The changes to sender and recipients, in order. */
    public List<Modification> envelopeChanges() {
        return modifications.stream().filter(Modification::changesEnvelope).toList();
    }
}
