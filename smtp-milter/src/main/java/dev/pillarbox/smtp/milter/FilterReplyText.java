package dev.pillarbox.smtp.milter;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import dev.pillarbox.smtp.core.EnhancedStatusCode;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.ReplyCode;

/**
 * Checks the SMTP reply of an SMFIR_REPLYCODE against the SMTP grammar and turns it into a {@link Reply}, as
 * Postfix's {@code milter8_valid_smtp_reply} does and a little stricter:
 *
 * <ul>
 *   <li>the data is the reply text ending in one NUL; no other NUL;</li>
 *   <li>each line is {@code ddd-text} (not the last) or {@code ddd text} (the last), lines separated by CRLF
 *       (RFC 5321 4.2), the first digit 4 or 5 (a filter cannot make a positive reply), every line with the same
 *       code (RFC 5321 4.2.1);</li>
 *   <li>an enhanced status code after the reply code (RFC 3463, e.g. {@code 5.7.1}) must have the reply code's
 *       class (RFC 2034 section 4) and, when lines carry one, every line the same;</li>
 *   <li>text is UTF-8 without control characters other than tab;</li>
 *   <li>{@code %%} stands for {@code %}, and a lone {@code %} is dropped: libmilter hands replies to Sendmail
 *       as format strings (Postfix does the same).</li>
 * </ul>
 */
final class FilterReplyText {

    private FilterReplyText() {
    }

    static Reply parse(byte[] data) throws MilterProtocolException {
        int end = data.length;
        if (end > 0 && data[end - 1] == 0) {
            end--;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, 0, end)).toString();
        } catch (CharacterCodingException e) {
            throw malformed("is not UTF-8", data, end);
        }
        if (text.indexOf('\0') >= 0) {
            throw malformed("contains NUL", data, end);
        }
        String[] lines = text.split("\r\n", -1);
        ReplyCode code = null;
        EnhancedStatusCode enhanced = null;
        List<String> texts = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean last = i == lines.length - 1;
            if (line.length() < 4 || (line.charAt(0) != '4' && line.charAt(0) != '5')
                    || !isDigit(line.charAt(1)) || !isDigit(line.charAt(2))) {
                throw malformed("line " + (i + 1) + " does not start with a 4xx or 5xx reply code", data, end);
            }
            if (line.charAt(3) != (last ? ' ' : '-')) {
                throw malformed("line " + (i + 1) + " has '" + line.charAt(3) + "' after its code where the "
                        + (last ? "last line has a space" : "lines before the last have '-'"), data, end);
            }
            ReplyCode lineCode = ReplyCode.parse(line.substring(0, 3));
            if (code == null) {
                code = lineCode;
            } else if (!code.equals(lineCode)) {
                throw malformed("line " + (i + 1) + " has code " + lineCode + " after " + code
                        + " (RFC 5321 4.2.1: one code per reply)", data, end);
            }
            String rest = line.substring(4);
            EnhancedStatusCode lineEnhanced = null;
            if (!rest.isEmpty() && isDigit(rest.charAt(0))) {
                int space = rest.indexOf(' ');
                String token = space < 0 ? rest : rest.substring(0, space);
                try {
                    lineEnhanced = EnhancedStatusCode.parse(token);
                } catch (IllegalArgumentException e) {
                    throw malformed("line " + (i + 1) + ": " + e.getMessage(), data, end);
                }
                if (lineEnhanced.codeClass() != code.category().digit()) {
                    throw malformed("enhanced status code " + lineEnhanced + " does not match the class of reply code "
                            + code + " (RFC 2034 section 4)", data, end);
                }
                rest = space < 0 ? "" : rest.substring(space + 1);
            }
            if (i == 0) {
                enhanced = lineEnhanced;
            } else if (enhanced == null ? lineEnhanced != null : !enhanced.equals(lineEnhanced)) {
                throw malformed("line " + (i + 1) + " has enhanced status code "
                        + (lineEnhanced == null ? "none" : lineEnhanced) + " where line 1 has "
                        + (enhanced == null ? "none" : enhanced), data, end);
            }
            for (int k = 0; k < rest.length(); k++) {
                char c = rest.charAt(k);
                if ((c < 32 && c != '\t') || c == 127) {
                    throw malformed("line " + (i + 1) + " contains control character 0x"
                            + Integer.toHexString(c), data, end);
                }
            }
            texts.add(unescapePercent(rest));
        }
        return Reply.multiline(code, enhanced, texts);
    }

    /** {@code %%} becomes {@code %}; a single {@code %} is removed (Postfix milter8.c). */
    private static String unescapePercent(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                if (i + 1 < s.length() && s.charAt(i + 1) == '%') {
                    out.append('%');
                    i++;
                }
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static MilterProtocolException malformed(String why, byte[] data, int end) {
        String shown = new String(data, 0, end, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n");
        return new MilterProtocolException("malformed SMFIR_REPLYCODE reply \"" + shown + "\": " + why);
    }
}
