package dev.pillarbox.forward;

import dev.pillarbox.smtp.client.DsnNotify;
import dev.pillarbox.smtp.client.DsnReturn;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The DSN parameters (RFC 3461) of a queued envelope, decoded from the raw values the server received. */
final class DsnParameters {

    private DsnParameters() {
    }

    /** NOTIFY (RFC 3461 4.1): empty when not given. */
    static Set<DsnNotify> notify(Map<String, String> rcptParameters) {
        String raw = rcptParameters.get("NOTIFY");
        Set<DsnNotify> set = EnumSet.noneOf(DsnNotify.class);
        if (raw == null || raw.isEmpty()) {
            return set;
        }
        for (String v : raw.split(",")) {
            try {
                set.add(DsnNotify.valueOf(v.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                continue; // the server checked NOTIFY at RCPT; an unknown word cannot change what is asked
            }
        }
        return set;
    }

    /** ORCPT (RFC 3461 4.2) as {@code type;decoded-address}, e.g. {@code rfc822;bob@example.org}. */
    static Optional<String> originalRecipient(Map<String, String> rcptParameters) {
        String raw = rcptParameters.get("ORCPT");
        if (raw == null || raw.indexOf(';') <= 0) {
            return Optional.empty();
        }
        int semi = raw.indexOf(';');
        String type = raw.substring(0, semi).toLowerCase(Locale.ROOT);
        return Optional.of(type + ";" + decode(raw.substring(semi + 1)));
    }

    /** The ORCPT address alone when its type is rfc822, for passing it on. */
    static Optional<String> originalAddress(Map<String, String> rcptParameters) {
        return originalRecipient(rcptParameters).filter(o -> o.startsWith("rfc822;"))
                .map(o -> o.substring("rfc822;".length()));
    }

    /** RET (RFC 3461 4.3); FULL when not given (Postfix returns the full message by default). */
    static DsnReturn ret(Map<String, String> mailParameters) {
        return "HDRS".equalsIgnoreCase(mailParameters.get("RET")) ? DsnReturn.HDRS : DsnReturn.FULL;
    }

    /** RET exactly as given, to pass on. */
    static Optional<DsnReturn> givenRet(Map<String, String> mailParameters) {
        String ret = mailParameters.get("RET");
        return ret == null ? Optional.empty() : Optional.of(ret(mailParameters));
    }

    /** ENVID (RFC 3461 4.4), xtext-decoded. */
    static Optional<String> envelopeId(Map<String, String> mailParameters) {
        return Optional.ofNullable(mailParameters.get("ENVID")).filter(s -> !s.isEmpty()).map(DsnParameters::decode);
    }

    /** Decodes xtext (RFC 3461 4): {@code +XX} is the octet XX. */
    static String decode(String xtext) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(xtext.length());
        for (int i = 0; i < xtext.length(); i++) {
            char c = xtext.charAt(i);
            if (c == '+' && i + 2 < xtext.length() && isHex(xtext.charAt(i + 1)) && isHex(xtext.charAt(i + 2))) {
                out.write(Integer.parseInt(xtext.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
    }
}
