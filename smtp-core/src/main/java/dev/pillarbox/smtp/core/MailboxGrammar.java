package dev.pillarbox.smtp.core;

import static dev.pillarbox.smtp.core.AddressCursor.describe;
import static dev.pillarbox.smtp.core.AddressCursor.isAlnum;

import dev.pillarbox.smtp.core.AddressSyntaxException.Kind;

/**
 * The mailbox productions of RFC 5321 4.1.2: {@code Mailbox = Local-part "@" ( Domain / address-literal )}, the
 * local part as a Dot-string or a Quoted-string, with RFC 6531 3.3's {@code atext =/ UTF8-non-ascii} and
 * {@code qtextSMTP =/ UTF8-non-ascii} when the cursor allows UTF-8. The domain or address literal after the "@" is
 * {@link DomainGrammar}'s.
 */
final class MailboxGrammar {

    /** RFC 5321 4.5.3.1.1. */
    static final int MAX_LOCAL_PART_OCTETS = 64;

    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private MailboxGrammar() {
    }

    /** Mailbox = Local-part "@" ( Domain / address-literal ). */
    static Mailbox mailbox(AddressCursor cur) throws AddressSyntaxException {
        int localStart = cur.pos;
        String local = cur.peek('"') ? quotedString(cur) : dotString(cur);
        int octets = cur.octets(localStart, cur.pos);
        if (octets > MAX_LOCAL_PART_OCTETS) {
            throw cur.error(Kind.TOO_LONG, "local part is " + octets + " octets, more than "
                    + MAX_LOCAL_PART_OCTETS + " (RFC 5321 4.5.3.1.1)", localStart);
        }
        cur.expect('@');
        if (cur.peek('[')) {
            return new Mailbox(local, null, DomainGrammar.addressLiteral(cur));
        }
        return new Mailbox(local, DomainGrammar.domain(cur), null);
    }

    // Dot-string = Atom *("."  Atom); Atom = 1*atext
    private static String dotString(AddressCursor cur) throws AddressSyntaxException {
        int start = cur.pos;
        while (true) {
            int atomStart = cur.pos;
            while (!cur.atEnd() && isAtext(cur, cur.in.codePointAt(cur.pos))) {
                cur.pos += Character.charCount(cur.in.codePointAt(cur.pos));
            }
            if (cur.pos == atomStart) {
                boolean first = atomStart == start;
                if (cur.atEnd()) {
                    throw cur.syntax(first ? "missing local part" : "local part ends with '.'", cur.pos);
                }
                char c = cur.in.charAt(cur.pos);
                if (c == '.') {
                    throw cur.syntax(first ? "local part starts with '.'" : "two dots in a row in local part", cur.pos);
                }
                if (c == '@') {
                    throw cur.syntax(first ? "empty local part" : "local part ends with '.'",
                            first ? cur.pos : cur.pos - 1);
                }
                throw cur.unexpected("in local part");
            }
            if (!cur.consume('.')) {
                return cur.in.substring(start, cur.pos);
            }
        }
    }

    /** True if {@code s} is a valid Dot-string, taking any non-ASCII character as atext (RFC 6531 3.3). */
    static boolean isDotString(String s) {
        if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80 && c != '.' && !isAlnum(c) && ATEXT_SPECIALS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAtext(AddressCursor cur, int cp) throws AddressSyntaxException {
        if (cp < 0x80) {
            return isAlnum(cp) || ATEXT_SPECIALS.indexOf(cp) >= 0;
        }
        return cur.nonAsciiText(cp);
    }

    // Quoted-string = DQUOTE *QcontentSMTP DQUOTE; returns the content with quoted-pairs resolved.
    private static String quotedString(AddressCursor cur) throws AddressSyntaxException {
        cur.pos++; // DQUOTE
        StringBuilder content = new StringBuilder();
        while (true) {
            if (cur.atEnd()) {
                throw cur.syntax("missing closing '\"' of quoted local part", cur.pos);
            }
            int cp = cur.in.codePointAt(cur.pos);
            if (cp == '"') {
                cur.pos++;
                return content.toString();
            }
            if (cp == '\\') {
                // quoted-pairSMTP = %d92 %d32-126; RFC 6531 does not extend it to UTF-8
                cur.pos++;
                if (cur.atEnd()) {
                    throw cur.syntax("missing character after '\\' in quoted local part", cur.pos);
                }
                char q = cur.in.charAt(cur.pos);
                if (q < 32 || q > 126) {
                    throw q >= 0x80 && !cur.utf8 ? cur.nonAscii(cur.pos)
                            : cur.syntax("invalid character " + describe(q) + " after '\\' in quoted local part",
                                    cur.pos);
                }
                content.append(q);
                cur.pos++;
                continue;
            }
            // qtextSMTP = %d32-33 / %d35-91 / %d93-126
            boolean qtext = cp < 0x80 ? cp >= 32 && cp <= 126 : cur.nonAsciiText(cp);
            if (!qtext) {
                throw cur.syntax("invalid character " + describe(cp) + " in quoted local part", cur.pos);
            }
            content.appendCodePoint(cp);
            cur.pos += Character.charCount(cp);
        }
    }
}
