package dev.pillarbox.smtp.client;

/** What became of one recipient of a message. */
public enum RecipientStatus {
    /** The server took responsibility for delivering to this recipient (2yz after the message). */
    ACCEPTED,
    /** A transient refusal (4yz): try again later. */
    DEFERRED,
    /** A permanent refusal (5yz): do not repeat as is. */
    REFUSED
}
