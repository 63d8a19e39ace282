package dev.pillarbox.smtp.milter;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A change a filter asks for at end of message. Each needs the {@link Action} the filter negotiated for it; the
 * session refuses (as a protocol error) one that was not negotiated. Header and body changes are applied to a
 * {@link MessageContent} with {@link MessageContent#apply(Modification)}; sender and recipient changes are for the
 * caller's envelope.
 */
public sealed interface Modification {

    /** The action a filter must have negotiated to ask for this change. */
    Action requiredAction();

    /** True for the changes to the envelope (sender, recipients) rather than to the content. */
    default boolean changesEnvelope() {
        return false;
    }

    /** SMFIR_ADDHEADER: append a field after the last one. */
    record AddHeader(HeaderField field) implements Modification {
        public AddHeader {
            Objects.requireNonNull(field, "field");
        }

        @Override
        public Action requiredAction() {
            return Action.ADD_HEADERS;
        }

        @Override
        public String toString() {
            return "add header " + field;
        }
    }

    /**
     * SMFIR_INSHEADER: insert a field with {@code index} fields above it (0 is the top), or at the end when there
     * are fewer.
     */
    record InsertHeader(long index, HeaderField field) implements Modification {
        public InsertHeader {
            Objects.requireNonNull(field, "field");
            if (index < 0) {
                throw new IllegalArgumentException("insert header index " + index + " is negative");
            }
        }

        @Override
        public Action requiredAction() {
            return Action.ADD_HEADERS;
        }

        @Override
        public String toString() {
            return "insert header at " + index + " " + field;
        }
    }

    /**
     * SMFIR_CHGHEADER with a value: the {@code index}-th field (1 the first) named {@code field.name()} gets this
     * field's value; appended when there is no such field.
     */
    record ChangeHeader(long index, HeaderField field) implements Modification {
        public ChangeHeader {
            Objects.requireNonNull(field, "field");
            if (index < 1) {
                throw new IllegalArgumentException("change header index " + index + " is below 1");
            }
        }

        @Override
        public Action requiredAction() {
            return Action.CHANGE_HEADERS;
        }

        @Override
        public String toString() {
            return "change header " + field.name() + " #" + index + " to" + field.toString().substring(field.name().length() + 1);
        }
    }

    /** SMFIR_CHGHEADER with an empty value: remove the {@code index}-th field (1 the first) named {@code name}. */
    record DeleteHeader(long index, String name) implements Modification {
        public DeleteHeader {
            Objects.requireNonNull(name, "name");
            if (index < 1) {
                throw new IllegalArgumentException("delete header index " + index + " is below 1");
            }
        }

        @Override
        public Action requiredAction() {
            return Action.CHANGE_HEADERS;
        }

        @Override
        public String toString() {
            return "delete header " + name + " #" + index;
        }
    }

    /** SMFIR_REPLBODY (all chunks): the new body, CRLF line endings. */
    record ReplaceBody(byte[] body) implements Modification {
        public ReplaceBody {
            Objects.requireNonNull(body, "body");
        }

        @Override
        public Action requiredAction() {
            return Action.CHANGE_BODY;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ReplaceBody && Arrays.equals(((ReplaceBody) o).body, body);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "replace body (" + body.length + " octets)";
        }
    }

    /**
     * SMFIR_ADDRCPT or SMFIR_ADDRCPT_PAR: add a recipient. {@code address} is as the filter sent it (usually in
     * angle brackets); {@code parameters} the ESMTP parameters of SMFIR_ADDRCPT_PAR (e.g. {@code NOTIFY=NEVER}).
     */
    record AddRecipient(String address, Optional<String> parameters) implements Modification {
        public AddRecipient {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(parameters, "parameters");
        }

        @Override
        public Action requiredAction() {
            return parameters.isPresent() ? Action.ADD_RECIPIENT_WITH_PARAMETERS : Action.ADD_RECIPIENT;
        }

        @Override
        public boolean changesEnvelope() {
            return true;
        }

        @Override
        public String toString() {
            return "add recipient " + address + parameters.map(p -> " " + p).orElse("");
        }
    }

    /** SMFIR_DELRCPT: remove a recipient, named as it was given in RCPT TO. */
    record DeleteRecipient(String address) implements Modification {
        public DeleteRecipient {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public Action requiredAction() {
            return Action.DELETE_RECIPIENT;
        }

        @Override
        public boolean changesEnvelope() {
            return true;
        }

        @Override
        public String toString() {
            return "delete recipient " + address;
        }
    }

    /** SMFIR_CHGFROM: a new reverse-path, with optional ESMTP parameters. */
    record ChangeSender(String address, Optional<String> parameters) implements Modification {
        public ChangeSender {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(parameters, "parameters");
        }

        @Override
        public Action requiredAction() {
            return Action.CHANGE_SENDER;
        }

        @Override
        public boolean changesEnvelope() {
            return true;
        }

        @Override
        public String toString() {
            return "change sender to " + address + parameters.map(p -> " " + p).orElse("");
        }
    }
}
