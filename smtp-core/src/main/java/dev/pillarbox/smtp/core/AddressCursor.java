package dev.pillarbox.smtp.core;

import dev.pillarbox.smtp.core.AddressSyntaxException.Kind;

/**
 * One input of the envelope grammar being read: the text, whether RFC 6531's UTF-8 extensions apply, and the
 * position; with the reads and the errors every production shares. {@link AddressParser} (paths, parameters),
 * {@link MailboxGrammar} (local part, mailbox) and {@link DomainGrammar} (domain, address literal) are one
 * recursive-descent parser over one cursor. Every error names the 0-based index into the whole input.
 */
final class AddressCursor {

    /** The whole input; productions read it at {@link #pos}. */
    final String in;
    /** Whether RFC 6531 3.3's UTF-8 alternatives are grammatical (SMTPUTF8 applies). */
    final boolean utf8;
    /** The index of the next character to read; productions advance it past what they accept. */
    int pos;

    AddressCursor(String in, int start, boolean utf8) {
        this.in = in;
        this.pos = start;
        this.utf8 = utf8;
    }

    boolean atEnd() {
        return pos >= in.length();
    }

    boolean peek(char c) {
        return pos < in.length() && in.charAt(pos) == c;
    }

    boolean consume(char c) {
        if (peek(c)) {
            pos++;
            return true;
        }
        return false;
    }

    void expect(char c) throws AddressSyntaxException {
        if (atEnd()) {
            throw syntax("missing '" + c + "'", pos);
        }
        if (in.charAt(pos) != c) {
            throw unexpected("where '" + c + "' was expected");
        }
        pos++;
    }

    // Non-ASCII text is grammatical only with SMTPUTF8 (RFC 6531 3.3); lone surrogates never are.
    boolean nonAsciiText(int cp) throws AddressSyntaxException {
        if (!utf8) {
            throw nonAscii(pos);
        }
        return !(cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) && !Character.isISOControl(cp);
    }

    /** The character at the current position is wrong; its kind depends on whether it is non-ASCII. */
    AddressSyntaxException unexpected(String where) {
        if (atEnd()) {
            return syntax("unexpected end " + where, pos);
        }
        int cp = in.codePointAt(pos);
        if (cp >= 0x80 && !utf8) {
            return nonAscii(pos);
        }
        return syntax("unexpected character " + describe(cp) + " " + where, pos);
    }

    AddressSyntaxException nonAscii(int at) {
        return error(Kind.NON_ASCII_WITHOUT_SMTPUTF8, "non-ASCII character without SMTPUTF8 (RFC 6531 3.7.4)", at);
    }

    AddressSyntaxException syntax(String reason, int at) {
        return error(Kind.SYNTAX, reason, at);
    }

    AddressSyntaxException error(Kind kind, String reason, int at) {
        return new AddressSyntaxException(kind, reason, at, in);
    }

    /** The number of UTF-8 octets of {@code in[from, to)}. */
    int octets(int from, int to) {
        return utf8Length(in, from, to);
    }

    /** How a character appears in a message: 'x' for printable ASCII, U+XXXX otherwise (messages stay ASCII). */
    static String describe(int cp) {
        if (cp > 32 && cp < 127) {
            return "'" + (char) cp + "'";
        }
        if (cp == ' ') {
            return "' '";
        }
        return String.format("U+%04X", cp);
    }

    static boolean isAlnum(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    static int utf8Length(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n += 1;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
