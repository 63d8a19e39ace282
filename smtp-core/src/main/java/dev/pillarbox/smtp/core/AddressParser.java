package dev.pillarbox.smtp.core;

import static dev.pillarbox.smtp.core.AddressCursor.isAlnum;

import dev.pillarbox.smtp.core.AddressSyntaxException.Kind;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A recursive-descent parser for the envelope grammar of RFC 5321 4.1.2 and 4.1.3, with the RFC 6531 3.3
 * extensions ({@code sub-domain =/ U-label}, {@code atext =/ UTF8-non-ascii}, {@code qtextSMTP =/
 * UTF8-non-ascii}, {@code esmtp-value =/ UTF8-non-ascii}) when {@code utf8} is true. One instance reads one
 * input from a start index; the public value types call it and check that it consumed all their input.
 * Every error names the 0-based index into the whole input.
 *
 * <p>This class has the MAIL and RCPT arguments: the command keyword, the paths and the ESMTP parameters. The
 * mailbox in a path is {@link MailboxGrammar}'s, its domain or address literal {@link DomainGrammar}'s; all three
 * read the same {@link AddressCursor}.
 */
final class AddressParser {

    /** RFC 5321 4.5.3.1.3: "including the punctuation and element separators". */
    static final int MAX_PATH_OCTETS = 256;

    private final AddressCursor cur;

    AddressParser(String in, int start, boolean utf8) {
        this.cur = new AddressCursor(in, start, utf8);
    }

    /** Fails unless the whole input has been read; {@code after} names what was parsed, for the message. */
    void requireEnd(String after) throws AddressSyntaxException {
        if (!cur.atEnd()) {
            throw cur.unexpected("after " + after);
        }
    }

    /** The error for a non-ASCII character at {@code at} when SMTPUTF8 does not apply. */
    AddressSyntaxException nonAscii(int at) {
        return cur.nonAscii(at);
    }

    // ---------------------------------------------------------------- MAIL / RCPT arguments

    /**
     * Reads {@code keyword} (e.g. "FROM:"), case-insensitive (RFC 5321 2.4), then one optional space: RFC 5321
     * 4.1.1.2 has none, but like Postfix we accept the single space many clients send.
     */
    void commandKeyword(String keyword) throws AddressSyntaxException {
        if (!cur.in.regionMatches(true, cur.pos, keyword, 0, keyword.length())) {
            throw cur.syntax("expected \"" + keyword + "\"", cur.pos);
        }
        cur.pos += keyword.length();
        cur.consume(' ');
    }

    /** After a path: nothing, or SP and a parameter list (RFC 5321 4.1.1.2, 4.1.1.3). */
    EsmtpParameters optionalParameters() throws AddressSyntaxException {
        if (cur.atEnd()) {
            return EsmtpParameters.empty();
        }
        if (!cur.peek(' ')) {
            throw cur.unexpected("after the path");
        }
        cur.pos++;
        if (cur.atEnd()) {
            throw cur.syntax("missing parameter after ' '", cur.pos);
        }
        return parameters();
    }

    // ---------------------------------------------------------------- paths

    /** Reverse-path = Path / "&lt;&gt;" (RFC 5321 4.1.2); returns null for the null path. */
    Mailbox reversePath() throws AddressSyntaxException {
        int start = cur.pos;
        cur.expect('<');
        if (cur.peek('>')) {
            cur.pos++;
            return null;
        }
        return pathRest(start);
    }

    /**
     * Forward-path (RFC 5321 4.1.1.3): {@code "<Postmaster>"} (case-insensitive, no domain) or Path; returns
     * null for {@code <Postmaster>}.
     */
    Mailbox forwardPath() throws AddressSyntaxException {
        int start = cur.pos;
        cur.expect('<');
        if (cur.in.regionMatches(true, cur.pos, "postmaster>", 0, 11)) {
            cur.pos += 11;
            return null;
        }
        if (cur.peek('>')) {
            throw cur.syntax("the null path <> is not a forward-path", start);
        }
        return pathRest(start);
    }

    // Path = "<" [ A-d-l ":" ] Mailbox ">"; the source route is read and dropped (RFC 5321 4.1.1.3, appendix C).
    private Mailbox pathRest(int start) throws AddressSyntaxException {
        if (cur.peek('@')) {
            sourceRoute();
        }
        Mailbox mailbox = MailboxGrammar.mailbox(cur);
        cur.expect('>');
        int octets = cur.octets(start, cur.pos);
        if (octets > MAX_PATH_OCTETS) {
            throw cur.error(Kind.TOO_LONG, "path is " + octets + " octets, more than " + MAX_PATH_OCTETS
                    + " (RFC 5321 4.5.3.1.3)", start);
        }
        return mailbox;
    }

    // A-d-l = At-domain *( "," At-domain ); At-domain = "@" Domain
    private void sourceRoute() throws AddressSyntaxException {
        do {
            cur.expect('@');
            DomainGrammar.domain(cur);
        } while (cur.consume(','));
        if (!cur.peek(':')) {
            throw cur.atEnd() ? cur.syntax("missing ':' after source route", cur.pos)
                    : cur.unexpected("in source route, expected ',' or ':'");
        }
        cur.pos++;
    }

    // ---------------------------------------------------------------- mailbox, domain, address literal

    /** Mailbox = Local-part "@" ( Domain / address-literal ). */
    Mailbox mailbox() throws AddressSyntaxException {
        return MailboxGrammar.mailbox(cur);
    }

    /** Domain = sub-domain *("." sub-domain). */
    Domain domain() throws AddressSyntaxException {
        return DomainGrammar.domain(cur);
    }

    /** address-literal = "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]". */
    AddressLiteral addressLiteral() throws AddressSyntaxException {
        return DomainGrammar.addressLiteral(cur);
    }

    // ---------------------------------------------------------------- ESMTP parameters

    /**
     * Mail-parameters / Rcpt-parameters = esmtp-param *(SP esmtp-param); esmtp-param = esmtp-keyword
     * ["=" esmtp-value]; esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-");
     * esmtp-value = 1*(%d33-60 / %d62-126) (RFC 5321 4.1.2), plus UTF8-non-ascii (RFC 6531 3.3).
     */
    EsmtpParameters parameters() throws AddressSyntaxException {
        Map<String, String> params = new LinkedHashMap<>();
        while (true) {
            int keywordStart = cur.pos;
            if (cur.atEnd()) {
                throw cur.syntax("missing parameter keyword", cur.pos);
            }
            if (!isAlnum(cur.in.codePointAt(cur.pos))) {
                throw cur.unexpected("where a parameter keyword was expected");
            }
            while (!cur.atEnd() && (isAlnum(cur.in.charAt(cur.pos)) || cur.in.charAt(cur.pos) == '-')) {
                cur.pos++;
            }
            String keyword = cur.in.substring(keywordStart, cur.pos).toUpperCase(Locale.ROOT);
            String value = "";
            if (cur.consume('=')) {
                int valueStart = cur.pos;
                while (!cur.atEnd()) {
                    int cp = cur.in.codePointAt(cur.pos);
                    if (cp >= 33 && cp <= 126 && cp != '=') {
                        cur.pos++;
                    } else if (cp >= 0x80 && cur.nonAsciiText(cp)) {
                        cur.pos += Character.charCount(cp);
                    } else {
                        break;
                    }
                }
                if (cur.pos == valueStart) {
                    throw cur.atEnd() || cur.peek(' ') ? cur.syntax("empty value for parameter " + keyword, cur.pos)
                            : cur.unexpected("in value of parameter " + keyword);
                }
                if (!cur.atEnd() && !cur.peek(' ')) {
                    throw cur.unexpected("in value of parameter " + keyword);
                }
                value = cur.in.substring(valueStart, cur.pos);
            } else if (!cur.atEnd() && !cur.peek(' ')) {
                throw cur.unexpected("in parameter keyword");
            }
            if (params.containsKey(keyword)) {
                throw cur.error(Kind.DUPLICATE_PARAMETER, "duplicate parameter " + keyword, keywordStart);
            }
            params.put(keyword, value);
            if (cur.atEnd()) {
                return new EsmtpParameters(params);
            }
            cur.pos++; // SP
            if (cur.atEnd()) {
                throw cur.syntax("missing parameter after ' '", cur.pos);
            }
        }
    }
}
