package dev.pillarbox.smtp.client;

import java.nio.charset.StandardCharsets;

/** The encodings of DSN parameter values: xtext (RFC 3461 4) and utf-8-addr-xtext (RFC 6533 3). */
final class Xtext {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Xtext() {
    }

    /** {@code text} as xtext: printable ASCII except '+' and '=' as is, every other octet of its UTF-8 as +HH. */
    static String encode(String text) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= '!' && c <= '~' && c != '+' && c != '=') {
                sb.append((char) c);
            } else {
                sb.append('+').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }

    /**
     * {@code address} as utf-8-addr-xtext (RFC 6533 3): printable ASCII except '+', '=' and '\' as is, every other
     * code point as {@code \x{HEX}}.
     */
    static String encodeUtf8Address(String address) {
        StringBuilder sb = new StringBuilder(address.length() + 16);
        address.codePoints().forEach(cp -> {
            if (cp >= '!' && cp <= '~' && cp != '+' && cp != '=' && cp != '\\') {
                sb.append((char) cp);
            } else {
                sb.append("\\x{").append(Integer.toHexString(cp).toUpperCase(java.util.Locale.ROOT)).append('}');
            }
        });
        return sb.toString();
    }

    /** The ORCPT value for {@code address}: {@code rfc822;xtext}, or {@code utf-8;...} for a non-ASCII address. */
    static String originalRecipient(String address) {
        boolean ascii = address.chars().allMatch(c -> c < 0x80);
        return ascii ? "rfc822;" + encode(address) : "utf-8;" + encodeUtf8Address(address);
    }
}
