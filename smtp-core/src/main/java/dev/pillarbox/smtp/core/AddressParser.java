package dev.pillarbox.smtp.core;

import dev.pillarbox.smtp.core.AddressSyntaxException.Kind;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A recursive-descent parser for the envelope grammar of RFC 5321 4.1.2 and 4.1.3, with the RFC 6531 3.3
 * extensions ({@code sub-domain =/ U-label}, {@code atext =/ UTF8-non-ascii}, {@code qtextSMTP =/
 * UTF8-non-ascii}, {@code esmtp-value =/ UTF8-non-ascii}) when {@code utf8} is true. One instance reads one
 * input from a start index; the public value types call it and check that it consumed all their input.
 * Every error names the 0-based index into the whole input.
 */
final class AddressParser {

    /** RFC 5321 4.5.3.1.1. */
    static final int MAX_LOCAL_PART_OCTETS = 64;
    /** RFC 5321 4.5.3.1.2. */
    static final int MAX_DOMAIN_OCTETS = 255;
    /** RFC 5321 4.5.3.1.3: "including the punctuation and element separators". */
    static final int MAX_PATH_OCTETS = 256;
    /** RFC 1035 2.3.4. */
    static final int MAX_LABEL_OCTETS = 63;

    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private final String in;
    private final boolean utf8;
    private int pos;

    AddressParser(String in, int start, boolean utf8) {
        this.in = in;
        this.pos = start;
        this.utf8 = utf8;
    }

    int position() {
        return pos;
    }

    boolean atEnd() {
        return pos >= in.length();
    }

    boolean peek(char c) {
        return pos < in.length() && in.charAt(pos) == c;
    }

    /** Fails unless the whole input has been read; {@code after} names what was parsed, for the message. */
    void requireEnd(String after) throws AddressSyntaxException {
        if (!atEnd()) {
            throw unexpected("after " + after);
        }
    }

    // ---------------------------------------------------------------- MAIL / RCPT arguments

    /**
     * Reads {@code keyword} (e.g. "FROM:"), case-insensitive (RFC 5321 2.4), then one optional space: RFC 5321
     * 4.1.1.2 has none, but like Postfix we accept the single space many clients send.
     */
    void commandKeyword(String keyword) throws AddressSyntaxException {
        if (!in.regionMatches(true, pos, keyword, 0, keyword.length())) {
            throw syntax("expected \"" + keyword + "\"", pos);
        }
        pos += keyword.length();
        consume(' ');
    }

    /** After a path: nothing, or SP and a parameter list (RFC 5321 4.1.1.2, 4.1.1.3). */
    EsmtpParameters optionalParameters() throws AddressSyntaxException {
        if (atEnd()) {
            return EsmtpParameters.empty();
        }
        if (!peek(' ')) {
            throw unexpected("after the path");
        }
        pos++;
        if (atEnd()) {
            throw syntax("missing parameter after ' '", pos);
        }
        return parameters();
    }

    // ---------------------------------------------------------------- paths

    /** Reverse-path = Path / "&lt;&gt;" (RFC 5321 4.1.2); returns null for the null path. */
    Mailbox reversePath() throws AddressSyntaxException {
        int start = pos;
        expect('<');
        if (peek('>')) {
            pos++;
            return null;
        }
        return pathRest(start);
    }

    /**
     * Forward-path (RFC 5321 4.1.1.3): {@code "<Postmaster>"} (case-insensitive, no domain) or Path; returns
     * null for {@code <Postmaster>}.
     */
    Mailbox forwardPath() throws AddressSyntaxException {
        int start = pos;
        expect('<');
        if (in.regionMatches(true, pos, "postmaster>", 0, 11)) {
            pos += 11;
            return null;
        }
        if (peek('>')) {
            throw syntax("the null path <> is not a forward-path", start);
        }
        return pathRest(start);
    }

    // Path = "<" [ A-d-l ":" ] Mailbox ">"; the source route is read and dropped (RFC 5321 4.1.1.3, appendix C).
    private Mailbox pathRest(int start) throws AddressSyntaxException {
        if (peek('@')) {
            sourceRoute();
        }
        Mailbox mailbox = mailbox();
        expect('>');
        int octets = octets(start, pos);
        if (octets > MAX_PATH_OCTETS) {
            throw error(Kind.TOO_LONG, "path is " + octets + " octets, more than " + MAX_PATH_OCTETS
                    + " (RFC 5321 4.5.3.1.3)", start);
        }
        return mailbox;
    }

    // A-d-l = At-domain *( "," At-domain ); At-domain = "@" Domain
    private void sourceRoute() throws AddressSyntaxException {
        do {
            expect('@');
            domain();
        } while (consume(','));
        if (!peek(':')) {
            throw atEnd() ? syntax("missing ':' after source route", pos)
                    : unexpected("in source route, expected ',' or ':'");
        }
        pos++;
    }

    // ---------------------------------------------------------------- mailbox

    /** Mailbox = Local-part "@" ( Domain / address-literal ). */
    Mailbox mailbox() throws AddressSyntaxException {
        int localStart = pos;
        String local = peek('"') ? quotedString() : dotString();
        int octets = octets(localStart, pos);
        if (octets > MAX_LOCAL_PART_OCTETS) {
            throw error(Kind.TOO_LONG, "local part is " + octets + " octets, more than "
                    + MAX_LOCAL_PART_OCTETS + " (RFC 5321 4.5.3.1.1)", localStart);
        }
        expect('@');
        if (peek('[')) {
            return new Mailbox(local, null, addressLiteral());
        }
        return new Mailbox(local, domain(), null);
    }

    // Dot-string = Atom *("."  Atom); Atom = 1*atext
    private String dotString() throws AddressSyntaxException {
        int start = pos;
        while (true) {
            int atomStart = pos;
            while (!atEnd() && isAtext(in.codePointAt(pos))) {
                pos += Character.charCount(in.codePointAt(pos));
            }
            if (pos == atomStart) {
                boolean first = atomStart == start;
                if (atEnd()) {
                    throw syntax(first ? "missing local part" : "local part ends with '.'", pos);
                }
                char c = in.charAt(pos);
                if (c == '.') {
                    throw syntax(first ? "local part starts with '.'" : "two dots in a row in local part", pos);
                }
                if (c == '@') {
                    throw syntax(first ? "empty local part" : "local part ends with '.'", first ? pos : pos - 1);
                }
                throw unexpected("in local part");
            }
            if (!consume('.')) {
                return in.substring(start, pos);
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

    private boolean isAtext(int cp) throws AddressSyntaxException {
        if (cp < 0x80) {
            return isAlnum(cp) || ATEXT_SPECIALS.indexOf(cp) >= 0;
        }
        return nonAsciiText(cp);
    }

    // Quoted-string = DQUOTE *QcontentSMTP DQUOTE; returns the content with quoted-pairs resolved.
    private String quotedString() throws AddressSyntaxException {
        pos++; // DQUOTE
        StringBuilder content = new StringBuilder();
        while (true) {
            if (atEnd()) {
                throw syntax("missing closing '\"' of quoted local part", pos);
            }
            int cp = in.codePointAt(pos);
            if (cp == '"') {
                pos++;
                return content.toString();
            }
            if (cp == '\\') {
                // quoted-pairSMTP = %d92 %d32-126; RFC 6531 does not extend it to UTF-8
                pos++;
                if (atEnd()) {
                    throw syntax("missing character after '\\' in quoted local part", pos);
                }
                char q = in.charAt(pos);
                if (q < 32 || q > 126) {
                    throw q >= 0x80 && !utf8 ? nonAscii(pos)
                            : syntax("invalid character " + describe(q) + " after '\\' in quoted local part", pos);
                }
                content.append(q);
                pos++;
                continue;
            }
            // qtextSMTP = %d32-33 / %d35-91 / %d93-126
            boolean qtext = cp < 0x80 ? cp >= 32 && cp <= 126 : nonAsciiText(cp);
            if (!qtext) {
                throw syntax("invalid character " + describe(cp) + " in quoted local part", pos);
            }
            content.appendCodePoint(cp);
            pos += Character.charCount(cp);
        }
    }

    // ---------------------------------------------------------------- domain

    /** Domain = sub-domain *("." sub-domain); sub-domain = Let-dig [Ldh-str] / U-label (RFC 6531). */
    Domain domain() throws AddressSyntaxException {
        int start = pos;
        List<String> labels = new ArrayList<>();
        while (true) {
            int labelStart = pos;
            boolean ascii = true;
            while (!atEnd()) {
                int cp = in.codePointAt(pos);
                if (isAlnum(cp) || cp == '-') {
                    pos++;
                } else if (cp >= 0x80) {
                    if (!nonAsciiText(cp)) {
                        throw syntax("invalid character " + describe(cp) + " in domain", pos);
                    }
                    if (!isULabelCodePoint(cp)) {
                        throw syntax("character " + describe(cp) + " is not allowed in a U-label (RFC 5892)", pos);
                    }
                    ascii = false;
                    pos += Character.charCount(cp);
                } else {
                    break;
                }
            }
            if (pos == labelStart) {
                boolean first = labelStart == start;
                if (atEnd()) {
                    throw syntax(first ? "missing domain" : "domain ends with '.'", first ? pos : pos - 1);
                }
                if (peek('.')) {
                    throw syntax(first ? "domain starts with '.'" : "empty label ('..') in domain", pos);
                }
                if (!first) {
                    throw syntax("domain ends with '.'", pos - 1);
                }
                throw unexpected("where a domain was expected");
            }
            String label = in.substring(labelStart, pos);
            checkLabel(label, labelStart, ascii);
            labels.add(label);
            if (!peek('.')) {
                break;
            }
            pos++;
        }
        int octets = octets(start, pos);
        if (octets > MAX_DOMAIN_OCTETS) {
            throw error(Kind.TOO_LONG, "domain is " + octets + " octets, more than " + MAX_DOMAIN_OCTETS
                    + " (RFC 5321 4.5.3.1.2)", start);
        }
        return new Domain(in.substring(start, pos), labels);
    }

    private void checkLabel(String label, int at, boolean ascii) throws AddressSyntaxException {
        if (label.charAt(0) == '-') {
            throw syntax("domain label starts with '-'", at);
        }
        if (label.charAt(label.length() - 1) == '-') {
            throw syntax("domain label ends with '-'", at + label.length() - 1);
        }
        if (ascii) {
            if (label.length() > MAX_LABEL_OCTETS) {
                throw error(Kind.TOO_LONG, "domain label is " + label.length() + " octets, more than "
                        + MAX_LABEL_OCTETS + " (RFC 1035 2.3.4)", at);
            }
            return;
        }
        // A subset of the IDNA2008 U-label rules (RFC 5891 5.4) that needs no Unicode tables beyond the JDK's.
        if (label.length() >= 4 && label.charAt(2) == '-' && label.charAt(3) == '-') {
            throw syntax("U-label has '--' in positions 3 and 4 (RFC 5891 4.2.3.1)", at + 2);
        }
        if (isMark(label.codePointAt(0))) {
            throw syntax("U-label starts with a combining mark (RFC 5891 4.2.3.2)", at);
        }
        if (!Normalizer.isNormalized(label, Normalizer.Form.NFC)) {
            throw syntax("U-label is not in Unicode normalization form NFC (RFC 5891 5.3)", at);
        }
    }

    // Letters, digits and combining marks; IDNA2008 (RFC 5892) disallows upper case, symbols and punctuation.
    private static boolean isULabelCodePoint(int cp) {
        if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
            return false;
        }
        return Character.isLetterOrDigit(cp) || isMark(cp);
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    // ---------------------------------------------------------------- address literals

    /** address-literal = "[" ( IPv4-address-literal / IPv6-address-literal / General-address-literal ) "]". */
    AddressLiteral addressLiteral() throws AddressSyntaxException {
        expect('[');
        int contentStart = pos;
        while (!atEnd() && in.charAt(pos) != ']') {
            char c = in.charAt(pos);
            // dcontent = %d33-90 / %d94-126; RFC 6531 does not extend address literals to UTF-8
            if (c < 33 || c > 126 || c == '[' || c == '\\') {
                throw c >= 0x80 && !utf8 ? nonAscii(pos)
                        : syntax("invalid character " + describe(c) + " in address literal", pos);
            }
            pos++;
        }
        if (atEnd()) {
            throw syntax("missing ']'", pos);
        }
        String content = in.substring(contentStart, pos);
        pos++;
        return literal(content, contentStart);
    }

    private AddressLiteral literal(String content, int at) throws AddressSyntaxException {
        if (content.isEmpty()) {
            throw syntax("empty address literal", at);
        }
        int colon = content.indexOf(':');
        if (colon < 0) {
            if (!isIpv4(content)) {
                throw syntax("invalid IPv4 address literal, expected four numbers 0-255 separated by '.'", at);
            }
            return new AddressLiteral(AddressLiteral.Type.IPV4, "", content);
        }
        String tag = content.substring(0, colon);
        String value = content.substring(colon + 1);
        if (tag.equalsIgnoreCase("IPv6")) {
            if (!isIpv6(value)) {
                throw syntax("invalid IPv6 address literal (RFC 5321 4.1.3)", at + colon + 1);
            }
            return new AddressLiteral(AddressLiteral.Type.IPV6, tag, value);
        }
        // General-address-literal = Standardized-tag ":" 1*dcontent; Standardized-tag = Ldh-str
        if (tag.isEmpty() || !isLetDig(tag.charAt(tag.length() - 1))) {
            throw syntax("invalid address literal tag \"" + tag + "\"", at);
        }
        for (int i = 0; i < tag.length(); i++) {
            if (!isLetDig(tag.charAt(i)) && tag.charAt(i) != '-') {
                throw syntax("invalid address literal tag \"" + tag + "\"", at + i);
            }
        }
        if (value.isEmpty()) {
            throw syntax("empty address literal after tag " + tag, at + colon + 1);
        }
        return new AddressLiteral(AddressLiteral.Type.GENERAL, tag, value);
    }

    // IPv4-address-literal = Snum 3("."  Snum); Snum = 1*3DIGIT in 0-255
    static boolean isIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3) {
                return false;
            }
            for (int i = 0; i < p.length(); i++) {
                if (p.charAt(i) < '0' || p.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * IPv6-addr = IPv6-full / IPv6-comp / IPv6v4-full / IPv6v4-comp (RFC 5321 4.1.3). "::" stands for at least
     * two groups of zeros, so at most 6 groups (4 with an IPv4 tail) may appear beside it.
     */
    static boolean isIpv6(String s) {
        int dc = s.indexOf("::");
        if (dc < 0) {
            String[] groups = s.split(":", -1);
            if (groups.length == 7 && isIpv4(groups[6])) {
                return allHex(groups, 0, 6); // IPv6v4-full
            }
            return groups.length == 8 && allHex(groups, 0, 8); // IPv6-full
        }
        if (s.indexOf("::", dc + 1) >= 0) {
            return false;
        }
        String left = s.substring(0, dc);
        String right = s.substring(dc + 2);
        String[] l = left.isEmpty() ? new String[0] : left.split(":", -1);
        String[] r = right.isEmpty() ? new String[0] : right.split(":", -1);
        if (!allHex(l, 0, l.length)) {
            return false;
        }
        if (r.length > 0 && r[r.length - 1].indexOf('.') >= 0) {
            // IPv6v4-comp: the IPv4 tail comes after "::"
            return isIpv4(r[r.length - 1]) && allHex(r, 0, r.length - 1) && l.length + r.length - 1 <= 4;
        }
        return allHex(r, 0, r.length) && l.length + r.length <= 6; // IPv6-comp
    }

    // IPv6-hex = 1*4HEXDIG
    private static boolean allHex(String[] groups, int from, int to) {
        for (int g = from; g < to; g++) {
            String h = groups[g];
            if (h.isEmpty() || h.length() > 4) {
                return false;
            }
            for (int i = 0; i < h.length(); i++) {
                char c = h.charAt(i);
                boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                if (!hex) {
                    return false;
                }
            }
        }
        return true;
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
            int keywordStart = pos;
            if (atEnd()) {
                throw syntax("missing parameter keyword", pos);
            }
            if (!isAlnum(in.codePointAt(pos))) {
                throw unexpected("where a parameter keyword was expected");
            }
            while (!atEnd() && (isAlnum(in.charAt(pos)) || in.charAt(pos) == '-')) {
                pos++;
            }
            String keyword = in.substring(keywordStart, pos).toUpperCase(Locale.ROOT);
            String value = "";
            if (consume('=')) {
                int valueStart = pos;
                while (!atEnd()) {
                    int cp = in.codePointAt(pos);
                    if (cp >= 33 && cp <= 126 && cp != '=') {
                        pos++;
                    } else if (cp >= 0x80 && nonAsciiText(cp)) {
                        pos += Character.charCount(cp);
                    } else {
                        break;
                    }
                }
                if (pos == valueStart) {
                    throw atEnd() || peek(' ') ? syntax("empty value for parameter " + keyword, pos)
                            : unexpected("in value of parameter " + keyword);
                }
                if (!atEnd() && !peek(' ')) {
                    throw unexpected("in value of parameter " + keyword);
                }
                value = in.substring(valueStart, pos);
            } else if (!atEnd() && !peek(' ')) {
                throw unexpected("in parameter keyword");
            }
            if (params.containsKey(keyword)) {
                throw error(Kind.DUPLICATE_PARAMETER, "duplicate parameter " + keyword, keywordStart);
            }
            params.put(keyword, value);
            if (atEnd()) {
                return new EsmtpParameters(params);
            }
            pos++; // SP
            if (atEnd()) {
                throw syntax("missing parameter after ' '", pos);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private boolean consume(char c) {
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
    private boolean nonAsciiText(int cp) throws AddressSyntaxException {
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

    private static boolean isAlnum(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    private static boolean isLetDig(char c) {
        return isAlnum(c);
    }

    /** The number of UTF-8 octets of {@code in[from, to)}. */
    int octets(int from, int to) {
        return utf8Length(in, from, to);
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
