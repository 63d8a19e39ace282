package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.plugins.api.SmtpBinder;

/**
 * One delivery target the settings pick, by the name a plugin provided it under, and whether the client's
 * {@code 250} waits for it: a required target must commit before the server answers (else {@code 451 4.3.0}); an
 * optional target is committed after the reply and its failure is only logged.
 *
 * @param name the target's name ({@link SmtpBinder#deliveryTarget}; {@code store} for a bound {@code MessageStore})
 * @param required whether the message must be committed there before the {@code 250}
 */
public record DeliveryTargetChoice(String name, boolean required) {

    /** Validates the name (lower-case letters, digits and dashes). */
    public DeliveryTargetChoice {
        SmtpBinder.targetName(name);
    }

    /** The target {@code name}, required. */
    public static DeliveryTargetChoice required(String name) {
        return new DeliveryTargetChoice(name, true);
    }

    /** The target {@code name}, optional. */
    public static DeliveryTargetChoice optional(String name) {
        return new DeliveryTargetChoice(name, false);
    }

    @Override
    public String toString() {
        return required ? name : name + " (optional)";
    }
}
