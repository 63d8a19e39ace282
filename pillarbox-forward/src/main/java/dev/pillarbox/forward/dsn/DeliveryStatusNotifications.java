package dev.pillarbox.forward.dsn;

import dev.pillarbox.smtp.client.DsnNotify;
import dev.pillarbox.smtp.client.DsnReturn;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Composes delivery status notifications (RFC 3464) and decides when one is due (RFC 3461).
 *
 * <p>A notification is a whole RFC 5322 message with CRLF line ends: {@code From: Mail Delivery System
 * <MAILER-DAEMON@reporting-mta>}, {@code To:} the original sender, {@code Auto-Submitted: auto-replied}
 * (RFC 3834 5) and a {@code multipart/report; report-type=delivery-status} body (RFC 6522) of three parts: a
 * human readable explanation, the {@code message/delivery-status} part (RFC 3464 2) and the original message
 * ({@code message/rfc822}) or its headers ({@code text/rfc822-headers}).
 *
 * <p>8-bit content: the returned original is never re-encoded. An original with 8-bit octets in its body only
 * is returned with {@code Content-Transfer-Encoding: 8bit} (RFC 2046 5.2.1 allows 7bit, 8bit or binary for
 * message/rfc822); one with non-ASCII header fields or addresses (an SMTPUTF8 message, RFC 6532) is reported with
 * RFC 6533's types ({@code message/global-delivery-status}, {@code message/global},
 * {@code message/global-headers}). Either way {@link #isEightBit(byte[])} is then true and the notification must
 * be sent with {@code BODY=8BITMIME} (and SMTPUTF8 for the second case); bare CR or LF in the original are
 * written as CRLF so the notification has CRLF line ends only. A body that is not text lines (a line over 998
 * octets or a NUL octet, as a BINARYMIME message may have) is left out: the original's headers are returned and
 * the explanation says why, as when the message is larger than the limit.
 */
public final class DeliveryStatusNotifications {

    private static final byte[] CRLF = {'\r', '\n'};
    // RFC 5322 3.3 date-time, with a numeric zone (not the obsolete "GMT")
    private static final DateTimeFormatter DATE = DateTimeFormatter
            .ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    // RFC 5322 2.1.1: lines SHOULD be at most 78 characters; we fold long DSN fields at white space
    private static final int FOLD_AT = 78;

    private DeliveryStatusNotifications() {
    }

    /**
     * Whether a notification with {@code action} is due for a recipient of a message from {@code reversePath}.
     *
     * <ul>
     *   <li>never for the null reverse-path (RFC 3461 6.2, RFC 5321 4.5.5): this is what stops bounce loops;</li>
     *   <li>never with {@code NOTIFY=NEVER} (RFC 3461 4.1);</li>
     *   <li>{@code failed}: with FAILURE, or without NOTIFY (its default is FAILURE, RFC 3461 4.1);</li>
     *   <li>{@code delayed}: with DELAY, or without NOTIFY only when {@code delayNoticesByDefault} (RFC 3461 4.1
     *       leaves the default to the MTA; Postfix sends them only when {@code delay_warning_time} is set);</li>
     *   <li>{@code delivered}, {@code relayed}, {@code expanded}: only with SUCCESS. {@code relayed} is for a next
     *       hop that does not offer DSN (RFC 3461 5.2.2): after it no notification can be expected.</li>
     * </ul>
     *
     * @param reversePath the MAIL FROM address; empty (or {@code <>}) for the null reverse-path
     * @param notify the recipient's NOTIFY values; empty when the client gave none
     * @param action the outcome to report
     * @param delayNoticesByDefault whether delay notices go to recipients without NOTIFY
     * @return true if a notification should be sent
     */
    public static boolean shouldNotify(String reversePath, Set<DsnNotify> notify, Action action,
                                       boolean delayNoticesByDefault) {
        Objects.requireNonNull(reversePath, "reversePath");
        Objects.requireNonNull(notify, "notify");
        Objects.requireNonNull(action, "action");
        if (reversePath.isEmpty() || reversePath.equals("<>") || notify.contains(DsnNotify.NEVER)) {
            return false;
        }
        switch (action) {
            case FAILED:
                return notify.isEmpty() || notify.contains(DsnNotify.FAILURE);
            case DELAYED:
                return notify.isEmpty() ? delayNoticesByDefault : notify.contains(DsnNotify.DELAY);
            default:
                return notify.contains(DsnNotify.SUCCESS);
        }
    }

    /**
     * Composes the notification for {@code request}.
     *
     * @param request what to report; its recipients all have the same kind of action (failed, delayed, or
     *     successful)
     * @param originalMessage the original message as stored (header, empty line, body); read (through a buffer) up
     *     to what is returned, not closed
     * @param now the notification's Date
     * @param messageIdDomain the right-hand side of its Message-ID
     * @return the notification, CRLF line ends throughout
     * @throws UncheckedIOException if the original cannot be read
     * @throws IllegalArgumentException if the recipients mix failures, delays and successes
     */
    public static byte[] compose(DsnRequest request, InputStream originalMessage, Instant now,
                                 String messageIdDomain) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(originalMessage, "originalMessage");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(messageIdDomain, "messageIdDomain");
        Kind kind = Kind.of(request.recipients());
        Original original;
        try {
            // read octet by octet below: buffered, so that a file stream is not read with one system call each
            InputStream in = originalMessage instanceof BufferedInputStream
                    || originalMessage instanceof ByteArrayInputStream ? originalMessage
                    : new BufferedInputStream(originalMessage, 64 * 1024);
            original = Original.read(in, kind == Kind.FAILURE && request.ret() == DsnReturn.FULL,
                    request.maxReturnedSize());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the original message", e);
        }
        boolean global = !isAscii(request.originalSender()) || !isAscii(original.header)
                || request.envelopeId().map(id -> !isAscii(id)).orElse(false)
                || request.recipients().stream().anyMatch(r -> !isAscii(r.finalRecipient())
                        || r.originalRecipient().map(o -> !isAscii(o)).orElse(false)
                        || r.diagnosticCode().map(d -> !isAscii(d)).orElse(false));
        String boundary = boundary(original);
        Out out = new Out();
        // RFC 3464 3 / RFC 3834 5: a notification's own header; From is the postmaster's robot, never a person
        out.line("From: Mail Delivery System <MAILER-DAEMON@" + request.reportingMta() + ">");
        out.line("To: <" + request.originalSender() + ">");
        out.line("Subject: " + kind.subject);
        out.line("Date: " + DATE.format(now));
        out.line("Message-ID: <" + now.toEpochMilli() + "." + HexFormat.of().formatHex(randomBytes(8)) + "@"
                + messageIdDomain + ">");
        // RFC 3834 5.1: auto-replied, so that responders do not answer it
        out.line("Auto-Submitted: auto-replied");
        out.line("MIME-Version: 1.0");
        // RFC 6522 3: multipart/report with report-type naming the second part's type
        out.line("Content-Type: multipart/report; report-type=" + (global ? "global-delivery-status" : "delivery-status") + ";");
        out.line("\tboundary=\"" + boundary + "\"");
        if (global || original.eightBit) {
            out.line("Content-Transfer-Encoding: 8bit");
        }
        out.line("");
        out.line("This is a MIME-encapsulated message.");
        out.line("");

        // part 1: for people (RFC 6522 3: the first part is human readable)
        partHeader(out, boundary, "Notification", "text/plain; charset=" + (global ? "utf-8" : "us-ascii"), global);
        humanText(out, request, kind, original);
        out.line("");

        // part 2: for programs (RFC 3464 2.1)
        // RFC 6533 3: message/global-delivery-status when addresses or the original are UTF-8
        partHeader(out, boundary, "Delivery report",
                "message/" + (global ? "global-delivery-status" : "delivery-status"), global);
        deliveryStatus(out, request);
        out.line("");

        // part 3: the original (RFC 3462 / RFC 6522 3: optional third part)
        if (original.whole) {
            // RFC 2046 5.2.1: only 7bit, 8bit or binary for message/rfc822; we never re-encode the original
            partHeader(out, boundary, "Undelivered Message", "message/" + (global ? "global" : "rfc822"),
                    original.eightBit || global);
            out.raw(original.header);
            out.raw(CRLF);
            out.raw(original.body);
        } else {
            // RFC 6522 4 text/rfc822-headers; RFC 6533 3.3 message/global-headers for UTF-8 header fields
            partHeader(out, boundary, "Undelivered Message Headers",
                    global ? "message/global-headers" : "text/rfc822-headers", global);
            out.raw(original.header);
        }
        out.ensureLineEnd();
        out.line("");
        out.line("--" + boundary + "--");
        return out.toByteArray();
    }

    /** A body part's delimiter and header, up to the empty line before its content. */
    private static void partHeader(Out out, String boundary, String description, String contentType,
                                   boolean eightBit) {
        out.line("--" + boundary);
        out.line("Content-Description: " + description);
        out.line("Content-Type: " + contentType);
        if (eightBit) {
            out.line("Content-Transfer-Encoding: 8bit");
        }
        out.line("");
    }

    /**
     * Whether {@code message} has octets above 127: then it must be sent with {@code BODY=8BITMIME}
     * (RFC 6152), and with SMTPUTF8 if its header has them (RFC 6531).
     */
    public static boolean isEightBit(byte[] message) {
        for (byte b : message) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private static void humanText(Out out, DsnRequest request, Kind kind, Original original) {
        out.line("This is the mail system at host " + request.reportingMta() + ".");
        out.line("");
        switch (kind) {
            case FAILURE:
                out.line("Your message could not be delivered to one or more recipients.");
                out.line("It is attached below.");
                break;
            case DELAY:
                out.line("Your message could not be delivered yet to one or more recipients.");
                out.line("The mail system will keep trying; you do not need to send it again.");
                break;
            default:
                out.line("Your message was delivered to the recipients below, as you asked.");
                break;
        }
        out.line("");
        out.line("If you need help, contact the postmaster of " + request.reportingMta() + " and include this");
        out.line("notification.");
        out.line("");
        for (ReportedRecipient r : request.recipients()) {
            StringBuilder s = new StringBuilder("<" + r.finalAddress() + ">: ");
            if (r.diagnosticCode().isPresent()) {
                String host = r.remoteMta().map(DeliveryStatusNotifications::afterType).orElse("the next hop");
                s.append("host ").append(host).append(" said: ")
                        .append(oneLine(afterType(r.diagnosticCode().get())));
            } else {
                s.append(r.action().fieldValue()).append(" (").append(r.status()).append(")");
            }
            r.willRetryUntil().ifPresent(t -> s.append("; retried until ").append(DATE.format(t)));
            wrap(out, s.toString());
        }
        if (original.omitted == Omitted.TOO_LARGE) {
            out.line("");
            out.line("The message was larger than " + request.maxReturnedSize()
                    + " bytes: only its headers are returned.");
        } else if (original.omitted == Omitted.NOT_TEXT) {
            out.line("");
            out.line("The message's body is not text lines (a line over 998 octets or a NUL octet, as in a");
            out.line("BINARYMIME message): only its headers are returned.");
        }
    }

    // RFC 3464 2.2 (per-message fields, in the grammar's order) and 2.3 (one block per recipient)
    private static void deliveryStatus(Out out, DsnRequest request) {
        request.envelopeId().ifPresent(id -> field(out, "Original-Envelope-Id", id));
        field(out, "Reporting-MTA", "dns; " + request.reportingMta());
        request.receivedFromMta().ifPresent(m -> field(out, "Received-From-MTA", spaced(m)));
        field(out, "Arrival-Date", DATE.format(request.arrivalDate()));
        for (ReportedRecipient r : request.recipients()) {
            out.line("");
            r.originalRecipient().ifPresent(o -> field(out, "Original-Recipient", spaced(o)));
            field(out, "Final-Recipient", spaced(r.finalRecipient()));
            field(out, "Action", r.action().fieldValue());
            field(out, "Status", r.status());
            r.remoteMta().ifPresent(m -> field(out, "Remote-MTA", spaced(m)));
            r.diagnosticCode().ifPresent(d -> field(out, "Diagnostic-Code", spaced(d)));
            r.lastAttempt().ifPresent(t -> field(out, "Last-Attempt-Date", DATE.format(t)));
            r.willRetryUntil().ifPresent(t -> field(out, "Will-Retry-Until", DATE.format(t)));
        }
    }

    /** {@code type;value} as {@code type; value}, the way RFC 3464's examples write it. */
    private static String spaced(String typed) {
        int semi = typed.indexOf(';');
        return typed.substring(0, semi) + "; " + typed.substring(semi + 1).strip();
    }

    private static String afterType(String typed) {
        return typed.substring(typed.indexOf(';') + 1).strip();
    }

    /** A multi-line reply's lines joined by a space: a field value or a line of text holds no line break. */
    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").replaceAll("[\\x00-\\x08\\x0b-\\x1f\\x7f]", "").strip();
    }

    // RFC 3464 2.1: fields use RFC 822 header syntax, so a long value is folded before a space (RFC 5322 2.2.3):
    // unfolding gives the value back unchanged
    private static void field(Out out, String name, String value) {
        foldInto(out, name + ": " + oneLine(value), " ");
    }

    private static void wrap(Out out, String text) {
        foldInto(out, oneLine(text), "    ");
    }

    private static void foldInto(Out out, String line, String indent) {
        String rest = line;
        boolean first = true;
        while (true) {
            int limit = FOLD_AT - (first ? 0 : indent.length());
            if (rest.length() <= limit) {
                out.line(first ? rest : indent + rest);
                return;
            }
            int cut = rest.lastIndexOf(' ', limit);
            if (cut <= 0) {
                cut = rest.indexOf(' ', limit);
            }
            if (cut <= 0) {
                out.line(first ? rest : indent + rest);
                return;
            }
            out.line(first ? rest.substring(0, cut) : indent + rest.substring(0, cut));
            rest = rest.substring(cut + 1);
            first = false;
        }
    }

    /** A boundary that occurs nowhere in what is returned (RFC 2046 5.1.1). */
    private static String boundary(Original original) {
        while (true) {
            String candidate = "=_pillarbox_dsn_" + HexFormat.of().formatHex(randomBytes(12));
            byte[] b = candidate.getBytes(StandardCharsets.US_ASCII);
            if (indexOf(original.header, b) < 0 && indexOf(original.body, b) < 0) {
                return candidate;
            }
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    private static boolean isAscii(byte[] b) {
        return !isEightBit(b);
    }

    /** What a notification is about: every recipient in one notification has the same kind. */
    private enum Kind {
        FAILURE("Undelivered Mail Returned to Sender"),
        DELAY("Delayed Mail (still being retried)"),
        SUCCESS("Successful Mail Delivery Report");

        final String subject;

        Kind(String subject) {
            this.subject = subject;
        }

        static Kind of(List<ReportedRecipient> recipients) {
            Kind kind = null;
            for (ReportedRecipient r : recipients) {
                Kind k = r.action() == Action.FAILED ? FAILURE : r.action() == Action.DELAYED ? DELAY : SUCCESS;
                if (kind != null && kind != k) {
                    throw new IllegalArgumentException("one notification reports failures, delays or successes,"
                            + " not a mix: " + recipients.stream().map(x -> x.action().fieldValue()).toList());
                }
                kind = k;
            }
            return kind;
        }
    }

    /**
     * The part of the original that is returned, line ends made CRLF: its header always, its body only when the
     * whole message is returned (RET=FULL on a failure, RFC 3461 4.3) and fits in the size limit. Delay and
     * success notices return the headers only, as Postfix does.
     */
    private static final class Original {
        final byte[] header;
        final byte[] body;
        final boolean whole;
        final Omitted omitted;
        final boolean eightBit;

        private Original(byte[] header, byte[] body, Omitted omitted) {
            this.header = header;
            this.body = body;
            this.whole = omitted == Omitted.NOTHING;
            this.omitted = omitted;
            this.eightBit = isEightBit(header) || isEightBit(body);
        }

        static Original read(InputStream in, boolean full, long maxSize) throws IOException {
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            CrlfWriter w = new CrlfWriter(header);
            int c;
            long read = 0;
            // the header ends at the first empty line (RFC 5322 2.1)
            while ((c = in.read()) >= 0) {
                read++;
                if (w.write(c) && w.lastLineEmpty()) {
                    break;
                }
            }
            w.finish();
            byte[] h = withoutEmptyLastLine(header.toByteArray());
            if (!full) {
                return new Original(h, new byte[0], Omitted.NOT_ASKED);
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            CrlfWriter b = new CrlfWriter(body);
            while ((c = in.read()) >= 0) {
                read++;
                if (read > maxSize) {
                    return new Original(h, new byte[0], Omitted.TOO_LARGE);
                }
                b.write(c);
                if (!b.text()) {
                    // 8bit allows neither (RFC 2045 2.8) and binary would need BINARYMIME of every hop on the way
                    // back: the body is left out rather than re-encoded
                    return new Original(h, new byte[0], Omitted.NOT_TEXT);
                }
            }
            b.finish();
            return new Original(h, body.toByteArray(), Omitted.NOTHING);
        }

        private static byte[] withoutEmptyLastLine(byte[] h) {
            int n = h.length;
            if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                return java.util.Arrays.copyOf(h, n - 2);
            }
            if (n == 2 && h[0] == '\r' && h[1] == '\n') {
                return new byte[0];
            }
            return h;
        }
    }

    /** Why the body of the original is not returned. */
    private enum Omitted {
        /** It is returned. */
        NOTHING,
        /** Headers only were asked for (RET=HDRS), or the notice is not a failure. */
        NOT_ASKED,
        /** The message is larger than the limit. */
        TOO_LARGE,
        /** The body is not text lines: a line over 998 octets or a NUL (RFC 5322 2.1.1, RFC 2045 2.8). */
        NOT_TEXT
    }

    /** Copies octets turning a bare CR, a bare LF or CRLF into CRLF. */
    private static final class CrlfWriter {
        // RFC 5322 2.1.1: at most 998 characters on a line, without its CRLF
        private static final int MAX_LINE = 998;

        private final ByteArrayOutputStream out;
        private boolean pendingCr;
        private int lineLength;
        private boolean lastLineEmpty;
        private boolean text = true;

        CrlfWriter(ByteArrayOutputStream out) {
            this.out = out;
        }

        /** Writes one octet; true when that completed a line. */
        boolean write(int c) {
            if (pendingCr) {
                pendingCr = false;
                endLine();
                if (c == '\n') {
                    return true;
                }
                if (c == '\r') {
                    pendingCr = true;
                    return true;
                }
                put(c);
                return true;
            }
            if (c == '\r') {
                pendingCr = true;
                return false;
            }
            if (c == '\n') {
                endLine();
                return true;
            }
            put(c);
            return false;
        }

        private void put(int c) {
            out.write(c);
            lineLength++;
            if (c == 0 || lineLength > MAX_LINE) {
                text = false;
            }
        }

        /** False once a NUL or a line over 998 octets was written. */
        boolean text() {
            return text;
        }

        boolean lastLineEmpty() {
            return lastLineEmpty && lineLength == 0;
        }

        private void endLine() {
            out.write('\r');
            out.write('\n');
            lastLineEmpty = lineLength == 0;
            lineLength = 0;
        }

        /** Ends an unterminated last line. */
        void finish() {
            if (pendingCr || lineLength > 0) {
                pendingCr = false;
                endLine();
            }
        }
    }

    /** The notification being written. */
    private static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);

        void line(String s) {
            raw(s.getBytes(StandardCharsets.UTF_8));
            raw(CRLF);
        }

        void raw(byte[] b) {
            bytes.write(b, 0, b.length);
        }

        void ensureLineEnd() {
            byte[] b = bytes.toByteArray();
            if (b.length < 2 || b[b.length - 2] != '\r' || b[b.length - 1] != '\n') {
                raw(CRLF);
            }
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }
}
