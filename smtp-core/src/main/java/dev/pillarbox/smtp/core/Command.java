package dev.pillarbox.smtp.core;

import java.util.Objects;

/**
 * A command line as received: a {@link Verb} and its raw argument text, kept exactly as sent (without the
 * separating space and without CRLF). The argument is empty when the command has none.
 *
 * @param verb the verb, upper-case
 * @param argument the raw argument text, never null
 */
public record Command(Verb verb, String argument) {

    /** Validates the components. */
    public Command {
        Objects.requireNonNull(verb, "verb");
        Objects.requireNonNull(argument, "argument");
    }

    /** A command from a verb name and argument, e.g. {@code Command.of("mail", "FROM:<a@b>")}. */
    public static Command of(String verb, String argument) {
        return new Command(Verb.of(verb), argument);
    }

    /**
     * Parses a command line without its CRLF: the verb is everything up to the first space, the argument
     * everything after it.
     *
     * @throws IllegalArgumentException if the verb is empty or has invalid characters
     */
    public static Command parse(String line) {
        Objects.requireNonNull(line, "line");
        int sp = line.indexOf(' ');
        if (sp < 0) {
            return new Command(Verb.of(line), "");
        }
        return new Command(Verb.of(line.substring(0, sp)), line.substring(sp + 1));
    }

    /** True if the argument is non-empty. */
    public boolean hasArgument() {
        return !argument.isEmpty();
    }

    /** The command as sent, without CRLF. */
    @Override
    public String toString() {
        return argument.isEmpty() ? verb.name() : verb.name() + " " + argument;
    }
}
