package dev.pillarbox.smtp.core;

import static dev.pillarbox.smtp.core.AddressCursor.describe;
import static dev.pillarbox.smtp.core.AddressCursor.isAlnum;

import dev.pillarbox.smtp.core.AddressSyntaxException.Kind;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * The host productions of RFC 5321 4.1.2 and 4.1.3: {@code Domain} (with RFC 6531's {@code sub-domain =/ U-label}
 * when the cursor allows UTF-8) and {@code address-literal} (IPv4, IPv6 and general literals, always ASCII).
 */
final class DomainGrammar {

    /** RFC 5321 4.5.3.1.2. */
    static final int MAX_DOMAIN_OCTETS = 255;
    /** RFC 1035 2.3.4. */
    static final int MAX_LABEL_OCTETS = 63;

    private DomainGrammar() {
    }

    /** Domain = sub-domain *("." sub-domain); sub-domain = Let-dig [Ldh-str] / U-label (RFC 6531). */
    static Domain domain(AddressCursor cur) throws AddressSyntaxException {
        int start = cur.pos;
        List<String> labels = new ArrayList<>();
        while (true) {
            int labelStart = cur.pos;
            boolean ascii = true;
            while (!cur.atEnd()) {
                int cp = cur.in.codePointAt(cur.pos);
                if (isAlnum(cp) || cp == '-') {
                    cur.pos++;
                } else if (cp >= 0x80) {
                    if (!cur.nonAsciiText(cp)) {
                        throw cur.syntax("invalid character " + describe(cp) + " in domain", cur.pos);
                    }
                    if (!isULabelCodePoint(cp)) {
                        throw cur.syntax("character " + describe(cp) + " is not allowed in a U-label (RFC 5892)",
                                cur.pos);
                    }
                    ascii = false;
                    cur.pos += Character.charCount(cp);
                } else {
                    break;
                }
            }
            if (cur.pos == labelStart) {
                boolean first = labelStart == start;
                if (cur.atEnd()) {
                    throw cur.syntax(first ? "missing domain" : "domain ends with '.'", first ? cur.pos : cur.pos - 1);
                }
                if (cur.peek('.')) {
                    throw cur.syntax(first ? "domain starts with '.'" : "empty label ('..') in domain", cur.pos);
                }
                if (!first) {
                    throw cur.syntax("domain ends with '.'", cur.pos - 1);
                }
                throw cur.unexpected("where a domain was expected");
            }
            String label = cur.in.substring(labelStart, cur.pos);
            checkLabel(cur, label, labelStart, ascii);
            labels.add(label);
            if (!cur.peek('.')) {
                break;
            }
            cur.pos++;
        }
        int octets = cur.octets(start, cur.pos);
        if (octets > MAX_DOMAIN_OCTETS) {
            throw cur.error(Kind.TOO_LONG, "domain is " + octets + " octets, more than " + MAX_DOMAIN_OCTETS
                    + " (RFC 5321 4.5.3.1.2)", start);
        }
        return new Domain(cur.in.substring(start, cur.pos), labels);
    }

    private static void checkLabel(AddressCursor cur, String label, int at, boolean ascii)
            throws AddressSyntaxException {
        if (label.charAt(0) == '-') {
            throw cur.syntax("domain label starts with '-'", at);
        }
        if (label.charAt(label.length() - 1) == '-') {
            throw cur.syntax("domain label ends with '-'", at + label.length() - 1);
        }
        if (ascii) {
            if (label.length() > MAX_LABEL_OCTETS) {
                throw cur.error(Kind.TOO_LONG, "domain label is " + label.length() + " octets, more than "
                        + MAX_LABEL_OCTETS + " (RFC 1035 2.3.4)", at);
            }
            return;
        }
        // A subset of the IDNA2008 U-label rules (RFC 5891 5.4) that needs no Unicode tables beyond the JDK's.
        if (label.length() >= 4 && label.charAt(2) == '-' && label.charAt(3) == '-') {
            throw cur.syntax("U-label has '--' in positions 3 and 4 (RFC 5891 4.2.3.1)", at + 2);
        }
        if (isMark(label.codePointAt(0))) {
            throw cur.syntax("U-label starts with a combining mark (RFC 5891 4.2.3.2)", at);
        }
        if (!Normalizer.isNormalized(label, Normalizer.Form.NFC)) {
            throw cur.syntax("U-label is not in Unicode normalization form NFC (RFC 5891 5.3)", at);
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
    static AddressLiteral addressLiteral(AddressCursor cur) throws AddressSyntaxException {
        cur.expect('[');
        int contentStart = cur.pos;
        while (!cur.atEnd() && cur.in.charAt(cur.pos) != ']') {
            char c = cur.in.charAt(cur.pos);
            // dcontent = %d33-90 / %d94-126; RFC 6531 does not extend address literals to UTF-8
            if (c < 33 || c > 126 || c == '[' || c == '\\') {
                throw c >= 0x80 && !cur.utf8 ? cur.nonAscii(cur.pos)
                        : cur.syntax("invalid character " + describe(c) + " in address literal", cur.pos);
            }
            cur.pos++;
        }
        if (cur.atEnd()) {
            throw cur.syntax("missing ']'", cur.pos);
        }
        String content = cur.in.substring(contentStart, cur.pos);
        cur.pos++;
        return literal(cur, content, contentStart);
    }

    private static AddressLiteral literal(AddressCursor cur, String content, int at) throws AddressSyntaxException {
        if (content.isEmpty()) {
            throw cur.syntax("empty address literal", at);
        }
        int colon = content.indexOf(':');
        if (colon < 0) {
            if (!isIpv4(content)) {
                throw cur.syntax("invalid IPv4 address literal, expected four numbers 0-255 separated by '.'", at);
            }
            return new AddressLiteral(AddressLiteral.Type.IPV4, "", content);
        }
        String tag = content.substring(0, colon);
        String value = content.substring(colon + 1);
        if (tag.equalsIgnoreCase("IPv6")) {
            if (!isIpv6(value)) {
                throw cur.syntax("invalid IPv6 address literal (RFC 5321 4.1.3)", at + colon + 1);
            }
            return new AddressLiteral(AddressLiteral.Type.IPV6, tag, value);
        }
        // General-address-literal = Standardized-tag ":" 1*dcontent; Standardized-tag = Ldh-str
        if (tag.isEmpty() || !isLetDig(tag.charAt(tag.length() - 1))) {
            throw cur.syntax("invalid address literal tag \"" + tag + "\"", at);
        }
        for (int i = 0; i < tag.length(); i++) {
            if (!isLetDig(tag.charAt(i)) && tag.charAt(i) != '-') {
                throw cur.syntax("invalid address literal tag \"" + tag + "\"", at + i);
            }
        }
        if (value.isEmpty()) {
            throw cur.syntax("empty address literal after tag " + tag, at + colon + 1);
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

    private static boolean isLetDig(char c) {
        return isAlnum(c);
    }
}
