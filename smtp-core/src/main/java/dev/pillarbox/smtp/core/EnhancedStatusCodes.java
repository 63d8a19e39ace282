package dev.pillarbox.smtp.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The common part of the IANA "SMTP Enhanced Status Codes" registry (RFC 5248): the texts of the classes,
 * subjects and {@code X.subject.detail} codes of RFC 3463 and of the extensions that registered more
 * (RFC 3886, 4468, 4954, 5248, 6531, 6710, 7293, 7372, 7505, 8617, 8689). Covered: X.0.0, X.1.0-X.1.10,
 * X.2.0-X.2.4, X.3.0-X.3.6, X.4.0-X.4.7, X.5.0-X.5.6, X.6.0-X.6.10, X.7.0-X.7.30.
 *
 * <p>An entry applies to every class (2, 4, 5) in which its code is used; the registry's per-class usage is
 * not modelled. This class holds the only copy of the texts; {@link EnhancedStatusCode#title()} and
 * {@link EnhancedStatusCode#description()} read them from here.
 */
public final class EnhancedStatusCodes {

    /**
     * One registry entry, {@code X.subject.detail}.
     *
     * @param subject the subject number
     * @param detail the detail number
     * @param title the registry's short title, e.g. "Bad destination mailbox address"
     * @param description what the code means
     * @param source the defining RFC, with the section where known, e.g. "RFC 3463 3.2"
     */
    public record Entry(int subject, int detail, String title, String description, String source) {

        /** The code with the class as X, e.g. "X.1.1". */
        public String pattern() {
            return "X." + subject + "." + detail;
        }
    }

    private static final Map<Integer, Entry> ENTRIES = new TreeMap<>();
    private static final String[] SUBJECTS = {
        "Other or Undefined Status", "Addressing Status", "Mailbox Status", "Mail System Status",
        "Network and Routing Status", "Mail Delivery Protocol Status", "Message Content or Media Status",
        "Security or Policy Status",
    };

    static {
        add(0, 0, "Other undefined Status", "RFC 3463 3.1",
                "No further information is available beyond the class.");

        add(1, 0, "Other address status", "RFC 3463 3.2",
                "Something about the address caused this status.");
        add(1, 1, "Bad destination mailbox address", "RFC 3463 3.2",
                "The mailbox (the local part left of \"@\") does not exist at the destination system.");
        add(1, 2, "Bad destination system address", "RFC 3463 3.2",
                "The destination system named right of \"@\" does not exist or cannot accept mail.");
        add(1, 3, "Bad destination mailbox address syntax", "RFC 3463 3.2",
                "The destination address is syntactically invalid.");
        add(1, 4, "Destination mailbox address ambiguous", "RFC 3463 3.2",
                "The address matches more than one recipient at the destination system.");
        add(1, 5, "Destination address valid", "RFC 3463 3.2",
                "The destination address is valid (used with class 2).");
        add(1, 6, "Destination mailbox has moved, No forwarding address", "RFC 3463 3.2",
                "The mailbox existed but has moved, and no forwarding address is known.");
        add(1, 7, "Bad sender's mailbox address syntax", "RFC 3463 3.2",
                "The sender's address is syntactically invalid.");
        add(1, 8, "Bad sender's system address", "RFC 3463 3.2",
                "The sender's system does not exist or cannot accept replies.");
        add(1, 9, "Message relayed to non-compliant mailer", "RFC 3886",
                "The mailbox address given is on a system that does not support delivery status reports.");
        add(1, 10, "Recipient address has null MX", "RFC 7505",
                "The recipient's domain publishes a null MX: it does not accept mail.");

        add(2, 0, "Other or undefined mailbox status", "RFC 3463 3.3",
                "The mailbox exists, but something about it caused this status.");
        add(2, 1, "Mailbox disabled, not accepting messages", "RFC 3463 3.3",
                "The mailbox exists but does not accept messages, permanently or for now.");
        add(2, 2, "Mailbox full", "RFC 3463 3.3",
                "The mailbox is full because the user exceeded a per-mailbox quota.");
        add(2, 3, "Message length exceeds administrative limit", "RFC 3463 3.3",
                "The message is larger than the per-mailbox size limit.");
        add(2, 4, "Mailing list expansion problem", "RFC 3463 3.3",
                "The mailbox is a mailing list that could not be expanded.");

        add(3, 0, "Other or undefined mail system status", "RFC 3463 3.4",
                "The destination system exists, but something about it caused this status.");
        add(3, 1, "Mail system full", "RFC 3463 3.4",
                "The mail system's storage is exhausted.");
        add(3, 2, "System not accepting network messages", "RFC 3463 3.4",
                "The host does not accept messages now, e.g. it is shutting down.");
        add(3, 3, "System not capable of selected features", "RFC 3463 3.4",
                "Features the message requires are not supported by the destination system.");
        add(3, 4, "Message too big for system", "RFC 3463 3.4",
                "The message is larger than the system-wide size limit.");
        add(3, 5, "System incorrectly configured", "RFC 3463 3.4",
                "The system is not configured so that it can accept this message.");
        add(3, 6, "Requested priority was changed", "RFC 6710",
                "The message was accepted but its requested priority was changed (MT-PRIORITY).");

        add(4, 0, "Other or undefined network or routing status", "RFC 3463 3.5",
                "Something went wrong with networking or routing.");
        add(4, 1, "No answer from host", "RFC 3463 3.5",
                "The outbound connection attempt was not answered.");
        add(4, 2, "Bad connection", "RFC 3463 3.5",
                "The connection was established but failed or timed out during the transaction.");
        add(4, 3, "Directory server failure", "RFC 3463 3.5",
                "A directory server (e.g. DNS) needed for routing was unavailable.");
        add(4, 4, "Unable to route", "RFC 3463 3.5",
                "No route to the destination could be found, e.g. no MX or address records.");
        add(4, 5, "Mail system congestion", "RFC 3463 3.5",
                "The mail system is congested and cannot take the message now.");
        add(4, 6, "Routing loop detected", "RFC 3463 3.5",
                "The message was forwarded too many times, suggesting a routing loop.");
        add(4, 7, "Delivery time expired", "RFC 3463 3.5",
                "The message was considered too old and its delivery was abandoned.");

        add(5, 0, "Other or undefined protocol status", "RFC 3463 3.6",
                "A protocol error occurred in the delivery of the message.");
        add(5, 1, "Invalid command", "RFC 3463 3.6",
                "The command was not supported, or was out of sequence.");
        add(5, 2, "Syntax error", "RFC 3463 3.6",
                "The command could not be interpreted, e.g. it was too long or unrecognised.");
        add(5, 3, "Too many recipients", "RFC 3463 3.6",
                "More recipients were given than the server accepts in one transaction.");
        add(5, 4, "Invalid command arguments", "RFC 3463 3.6",
                "A valid command was given with invalid arguments or parameters.");
        add(5, 5, "Wrong protocol version", "RFC 3463 3.6",
                "The two systems use incompatible protocol versions.");
        add(5, 6, "Authentication Exchange line is too long", "RFC 4954 4",
                "A line of an AUTH exchange exceeded the server's maximum length.");

        add(6, 0, "Other or undefined media error", "RFC 3463 3.7",
                "Something about the content of the message caused this status.");
        add(6, 1, "Media not supported", "RFC 3463 3.7",
                "The media of the message is not supported by the delivery protocol or a later system.");
        add(6, 2, "Conversion required and prohibited", "RFC 3463 3.7",
                "The content must be converted for delivery, but conversion is not permitted.");
        add(6, 3, "Conversion required but not supported", "RFC 3463 3.7",
                "The content must be converted for delivery, but the system cannot convert it.");
        add(6, 4, "Conversion with loss performed", "RFC 3463 3.7",
                "The message was converted for delivery and information was lost.");
        add(6, 5, "Conversion Failed", "RFC 3463 3.7",
                "A conversion needed for delivery failed.");
        add(6, 6, "Message content not available", "RFC 4468",
                "Content referenced by a BURL command could not be fetched.");
        add(6, 7, "Non-ASCII addresses not permitted for that sender/recipient", "RFC 6531 3.7.4",
                "An address contains non-ASCII characters but SMTPUTF8 is not in use for it.");
        add(6, 8, "UTF-8 string reply is required, but not permitted by the SMTP client", "RFC 6531 3.7.4",
                "The server would have to reply in UTF-8, but the client did not ask for SMTPUTF8.");
        add(6, 9, "UTF-8 header message cannot be transferred to one or more recipients", "RFC 6531 3.7.4",
                "A message with UTF-8 header fields cannot be delivered to a recipient whose path lacks "
                        + "SMTPUTF8 support, so it must be rejected.");
        add(6, 10, "Duplicate of X.6.8, deprecated", "RFC 6531 3.7.4",
                "Registered in error as a duplicate of X.6.8; the registry marks it deprecated.");

        add(7, 0, "Other or undefined security status", "RFC 3463 3.8",
                "Something about security or policy caused this status, e.g. authentication is required.");
        add(7, 1, "Delivery not authorized, message refused", "RFC 3463 3.8",
                "The sender is not authorized to send to this destination, e.g. by a per-host or per-recipient "
                        + "policy or relay restriction.");
        add(7, 2, "Mailing list expansion prohibited", "RFC 3463 3.8",
                "The sender is not authorized to send to the mailing list.");
        add(7, 3, "Security conversion required but not possible", "RFC 3463 3.8",
                "A conversion from one secure messaging protocol to another was needed but is not possible.");
        add(7, 4, "Security features not supported", "RFC 3463 3.8",
                "Security features the message requires are not supported by the destination.");
        add(7, 5, "Cryptographic failure", "RFC 3463 3.8",
                "A system needed to decrypt or verify the message could not do so.");
        add(7, 6, "Cryptographic algorithm not supported", "RFC 3463 3.8",
                "A cryptographic algorithm the message uses is not supported.");
        add(7, 7, "Message integrity failure", "RFC 3463 3.8",
                "The message was corrupted or altered in transit.");
        add(7, 8, "Authentication credentials invalid", "RFC 4954 6",
                "The AUTH exchange failed because the credentials are wrong.");
        add(7, 9, "Authentication mechanism is too weak", "RFC 4954 6",
                "Policy requires a stronger AUTH mechanism than the one selected.");
        add(7, 10, "Encryption Needed", "RFC 5248",
                "Policy requires an encrypted connection for this operation.");
        add(7, 11, "Encryption required for requested authentication mechanism", "RFC 4954 6",
                "The selected AUTH mechanism may only be used over an encrypted connection.");
        add(7, 12, "A password transition is needed", "RFC 4954 6",
                "The user must change the password before this AUTH mechanism can be used.");
        add(7, 13, "User Account Disabled", "RFC 5248",
                "The sender's account is disabled by the administrator.");
        add(7, 14, "Trust relationship required", "RFC 5248",
                "A trust relationship between the systems is required, e.g. the client must be known to the "
                        + "server.");
        add(7, 15, "Priority Level is too low", "RFC 6710",
                "The requested MT-PRIORITY is too low for the server to accept the message now.");
        add(7, 16, "Message is too big for the specified priority", "RFC 6710",
                "The message is too large for the requested MT-PRIORITY.");
        add(7, 17, "Mailbox owner has changed", "RFC 7293",
                "The mailbox's owner changed after the time the sender gave (RRVS).");
        add(7, 18, "Domain owner has changed", "RFC 7293",
                "The domain's owner changed after the time the sender gave (RRVS).");
        add(7, 19, "RRVS test cannot be completed", "RFC 7293",
                "The Require-Recipient-Valid-Since test could not be performed.");
        add(7, 20, "No passing DKIM signature found", "RFC 7372 3.1",
                "The message has no valid DKIM signature.");
        add(7, 21, "No acceptable DKIM signature found", "RFC 7372 3.1",
                "The message has valid DKIM signatures, but none is acceptable to local policy.");
        add(7, 22, "No valid author-matched DKIM signature found", "RFC 7372 3.1",
                "No valid DKIM signature matches the domain of the author (From) address.");
        add(7, 23, "SPF validation failed", "RFC 7372 3.2",
                "The SPF check of the sender's domain returned \"fail\".");
        add(7, 24, "SPF validation error", "RFC 7372 3.2",
                "The SPF check could not be completed (a temporary or permanent error).");
        add(7, 25, "Reverse DNS validation failed", "RFC 7372 3.3",
                "The client's IP address has no valid reverse DNS name.");
        add(7, 26, "Multiple authentication checks failed", "RFC 7372 3.4",
                "More than one sender authentication check failed.");
        add(7, 27, "Sender address has null MX", "RFC 7505",
                "The sender's domain publishes a null MX, so it could not receive replies or bounces.");
        add(7, 28, "Mail flood detected", "IANA SMTP Enhanced Status Codes registry",
                "The message appears to be part of a flood of similar abusive messages.");
        add(7, 29, "ARC validation failure", "RFC 8617",
                "The message's Authenticated Received Chain (ARC) failed validation.");
        add(7, 30, "REQUIRETLS support required", "RFC 8689",
                "The message requires REQUIRETLS, but the next hop does not support it.");
    }

    private EnhancedStatusCodes() {
    }

    private static void add(int subject, int detail, String title, String source, String description) {
        if (ENTRIES.put(subject * 1000 + detail, new Entry(subject, detail, title, description, source)) != null) {
            throw new IllegalStateException("X." + subject + "." + detail + " is in the registry twice");
        }
    }

    /** The registry entry for the subject and detail of {@code code}, if listed. */
    public static Optional<Entry> lookup(EnhancedStatusCode code) {
        return lookup(code.subject(), code.detail());
    }

    /** The registry entry {@code X.subject.detail}, if listed. */
    public static Optional<Entry> lookup(int subject, int detail) {
        return Optional.ofNullable(ENTRIES.get(subject * 1000 + detail));
    }

    /** The RFC 3463 section 3 name of {@code subject}, e.g. "Addressing Status" for 1; empty beyond 7. */
    public static Optional<String> subjectTitle(int subject) {
        return subject >= 0 && subject < SUBJECTS.length ? Optional.of(SUBJECTS[subject]) : Optional.empty();
    }

    /**
     * The RFC 3463 section 3.1 name of a class: "Success", "Persistent Transient Failure" or
     * "Permanent Failure".
     *
     * @throws IllegalArgumentException if {@code codeClass} is not 2, 4 or 5
     */
    public static String classTitle(int codeClass) {
        switch (codeClass) {
            case 2:
                return "Success";
            case 4:
                return "Persistent Transient Failure";
            case 5:
                return "Permanent Failure";
            default:
                throw new IllegalArgumentException("enhanced status code class " + codeClass + " is not 2, 4 or 5");
        }
    }

    /** Every entry, ordered by subject then detail. */
    public static List<Entry> all() {
        return Collections.unmodifiableList(new ArrayList<>(ENTRIES.values()));
    }
}
