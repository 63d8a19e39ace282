package dev.pillarbox.forward.dsn;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a DSN says about one recipient: its per-recipient fields (RFC 3464 2.3).
 *
 * @param finalRecipient the Final-Recipient value, {@code address-type ";" address}, e.g.
 *     {@code rfc822;bob@example.net}: build it with {@link #rfc822(String)}
 * @param originalRecipient the Original-Recipient value (RFC 3464 2.3.1): the ORCPT parameter as given at RCPT,
 *     xtext-decoded, e.g. {@code rfc822;bob@example.org}; empty when the client gave none
 * @param action what happened (RFC 3464 2.3.3)
 * @param status the enhanced status code (RFC 3463), e.g. {@code 5.1.1}; its class must match the action
 * @param remoteMta the Remote-MTA value (RFC 3464 2.3.5), {@code dns;host}, e.g. {@code dns;mx.example.net};
 *     empty when no next hop answered
 * @param diagnosticCode the Diagnostic-Code value (RFC 3464 2.3.6), e.g. {@code smtp; 550 5.1.1 no such user};
 *     line breaks of a multi-line reply are written as spaces
 * @param lastAttempt when delivery was last attempted (Last-Attempt-Date, RFC 3464 2.3.7)
 * @param willRetryUntil for a delay notice: when the queue gives up (Will-Retry-Until, RFC 3464 2.3.9)
 */
public record ReportedRecipient(String finalRecipient, Optional<String> originalRecipient, Action action,
                                String status, Optional<String> remoteMta, Optional<String> diagnosticCode,
                                Optional<Instant> lastAttempt, Optional<Instant> willRetryUntil) {

    // RFC 3463 2: class "." subject "." detail, subject and detail 1 to 3 digits
    private static final Pattern STATUS = Pattern.compile("[245]\\.[0-9]{1,3}\\.[0-9]{1,3}");
    // RFC 3464 2.3.2: address-type ";" generic-address; address-type is an atom
    private static final Pattern TYPED = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+;.+", Pattern.DOTALL);

    /**
     * Validates the components.
     *
     * @throws IllegalArgumentException naming the component that is malformed
     */
    public ReportedRecipient {
        requireTyped("finalRecipient", finalRecipient);
        Objects.requireNonNull(originalRecipient, "originalRecipient").ifPresent(v -> requireTyped("originalRecipient", v));
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        if (!STATUS.matcher(status).matches()) {
            throw new IllegalArgumentException("status must be an enhanced status code like 5.1.1 (RFC 3463): "
                    + status);
        }
        if (status.charAt(0) != action.statusClass()) {
            throw new IllegalArgumentException("status " + status + " does not fit action " + action.fieldValue()
                    + " (the class must be " + action.statusClass() + ", RFC 3464 2.3.4)");
        }
        Objects.requireNonNull(remoteMta, "remoteMta").ifPresent(v -> requireTyped("remoteMta", v));
        Objects.requireNonNull(diagnosticCode, "diagnosticCode").ifPresent(v -> requireTyped("diagnosticCode", v));
        Objects.requireNonNull(lastAttempt, "lastAttempt");
        Objects.requireNonNull(willRetryUntil, "willRetryUntil");
    }

    /**
     * A failed recipient: a 5xx reply from {@code remoteHost} (or none when {@code reply} is empty).
     *
     * @param address the recipient address (RCPT TO)
     * @param originalRecipient the decoded ORCPT value, e.g. {@code rfc822;bob@example.org}, if any
     * @param status the enhanced status code, class 5
     * @param remoteHost the next hop's host name, if it answered
     * @param reply the next hop's reply, e.g. {@code 550 5.1.1 no such user}, if any
     * @param lastAttempt when delivery was last attempted
     */
    public static ReportedRecipient failed(String address, Optional<String> originalRecipient, String status,
                                           Optional<String> remoteHost, Optional<String> reply,
                                           Instant lastAttempt) {
        return new ReportedRecipient(rfc822(address), originalRecipient, Action.FAILED, status,
                remoteHost.map(h -> "dns;" + h), reply.map(r -> "smtp; " + r), Optional.of(lastAttempt),
                Optional.empty());
    }

    /**
     * A delayed recipient, retried until {@code willRetryUntil}.
     *
     * @param address the recipient address (RCPT TO)
     * @param originalRecipient the decoded ORCPT value, if any
     * @param status the enhanced status code, class 4
     * @param remoteHost the next hop's host name, if it answered
     * @param reply the next hop's last reply, or the reason the connection failed, if any
     * @param lastAttempt when delivery was last attempted
     * @param willRetryUntil when the queue gives up
     */
    public static ReportedRecipient delayed(String address, Optional<String> originalRecipient, String status,
                                            Optional<String> remoteHost, Optional<String> reply,
                                            Instant lastAttempt, Instant willRetryUntil) {
        return new ReportedRecipient(rfc822(address), originalRecipient, Action.DELAYED, status,
                remoteHost.map(h -> "dns;" + h), reply.map(r -> "smtp; " + r), Optional.of(lastAttempt),
                Optional.of(willRetryUntil));
    }

    /**
     * The Final-Recipient value for an address: {@code rfc822;address}, or {@code utf-8;address} for an address
     * with non-ASCII characters (RFC 6533 3).
     */
    public static String rfc822(String address) {
        Objects.requireNonNull(address, "address");
        boolean ascii = address.chars().allMatch(c -> c < 0x80);
        return (ascii ? "rfc822;" : "utf-8;") + address;
    }

    /** The address part of {@link #finalRecipient()}, after its address type. */
    public String finalAddress() {
        return finalRecipient.substring(finalRecipient.indexOf(';') + 1).strip();
    }

    private static void requireTyped(String name, String value) {
        Objects.requireNonNull(value, name);
        if (!TYPED.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be type;value, e.g. rfc822;user@example.org (RFC 3464 2.3): "
                    + value);
        }
    }
}
