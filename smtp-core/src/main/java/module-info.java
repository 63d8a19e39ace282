/**
 * The SMTP vocabulary: reply codes with their meaning and class, replies, enhanced status codes, commands, and
 * the address grammar of RFC 5321 (mailboxes, reverse-paths, forward-paths, domains, address literals).
 * No dependencies beyond {@code java.base}.
 */
module dev.pillarbox.smtp.core {
    exports dev.pillarbox.smtp.core;
}
