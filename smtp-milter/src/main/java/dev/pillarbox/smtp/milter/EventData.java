package dev.pillarbox.smtp.milter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The data of the MTA's events: NUL-terminated strings, header fields, macro lists. */
final class EventData {

    private EventData() {
    }

    /** NUL-terminated strings: {@code first}, then each of {@code rest} (SMFIC_MAIL, SMFIC_RCPT). */
    static byte[] strings(String first, List<String> rest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        out.writeBytes(first.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        for (String s : rest) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    /** One NUL-terminated string (SMFIC_HELO, SMFIC_UNKNOWN). */
    static byte[] strings(String only) {
        return strings(only, List.of());
    }

    /** SMFIC_HEADER's data: name, NUL, value as the filter gets it (see {@link HeaderField#toFilter}), NUL. */
    static byte[] header(HeaderField field, boolean leadingSpace) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(field.name().getBytes(StandardCharsets.US_ASCII));
        data.write(0);
        data.writeBytes(field.toFilter(leadingSpace));
        data.write(0);
        return data.toByteArray();
    }

    /**
     * SMFIC_MACRO for {@code event}: the event's code, then name and value of each of {@code names} that has a
     * value in {@code lookup} (asked by its braced name); names without a value are left out, as Postfix does.
     */
    static MilterPacket macros(Smfic event, List<String> names, MacroLookup lookup) {
        ByteArrayOutputStream data = new ByteArrayOutputStream(64);
        data.write(event.code());
        for (String macro : names) {
            String value = lookup.value(MacroConfig.canonical(macro));
            if (value != null) {
                data.writeBytes(macro.getBytes(StandardCharsets.UTF_8));
                data.write(0);
                data.writeBytes(value.replace("\0", "").getBytes(StandardCharsets.UTF_8));
                data.write(0);
            }
        }
        return MilterPacket.of(Smfic.MACRO.code(), data.toByteArray());
    }
}
