package dev.pillarbox.smtp.extensions;

/**
 * The xtext encoding of RFC 3461 4: printable US-ASCII {@code "!"} to {@code "~"} stands for itself except
 * {@code "+"} and {@code "="}, and {@code "+" 2HEXCHAR} (upper-case hex) stands for any octet. Used by DSN's ENVID
 * and ORCPT and by AUTH's {@code AUTH=} on MAIL (RFC 4954 5).
 */
public final class Xtext {

    private Xtext() {
    }

    /**
     * Decodes {@code xtext}.
     *
     * @throws IllegalArgumentException saying what is wrong and where, e.g.
     *     {@code "+" must be followed by two upper-case hex digits at position 3}
     */
    public static String decode(String xtext) {
        StringBuilder out = new StringBuilder(xtext.length());
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+') {
                if (i + 2 >= xtext.length()) {
                    throw new IllegalArgumentException("\"+\" must be followed by two upper-case hex digits at position "
                            + (i + 1));
                }
                int hi = hex(xtext.charAt(i + 1));
                int lo = hex(xtext.charAt(i + 2));
                if (hi < 0 || lo < 0) {
                    throw new IllegalArgumentException("\"+\" must be followed by two upper-case hex digits at position "
                            + (i + 1));
                }
                out.append((char) (hi * 16 + lo));
                i += 2;
            } else if (c < '!' || c > '~' || c == '=') {
                throw new IllegalArgumentException("character not allowed in xtext at position " + (i + 1));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** True if {@code text} is non-empty, well-formed xtext. */
    public static boolean isValid(String text) {
        if (text.isEmpty()) {
            return false;
        }
        try {
            decode(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Encodes {@code text} (characters up to U+00FF) as xtext. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c > 0xff) {
                throw new IllegalArgumentException("xtext encodes octets; U+" + Integer.toHexString(c)
                        + " at position " + (i + 1) + " is not one");
            }
            if (c < '!' || c > '~' || c == '+' || c == '=') {
                out.append('+').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    // RFC 3461 4: hexchar is upper-case only ("+" followed by "0"-"9" / "A"-"F")
    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
