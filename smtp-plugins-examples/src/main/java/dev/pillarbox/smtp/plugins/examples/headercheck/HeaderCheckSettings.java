package dev.pillarbox.smtp.plugins.examples.headercheck;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code header-check} plugin's settings.
 *
 * @param required fields that must occur exactly once (key {@code required}, default {@code From, Date}: the
 *     two RFC 5322 3.6 requires), in the case they are written in replies
 * @param maxHeaderBytes the most octets of header section read, the server's own {@code Received:} header
 *     included (key {@code max-header-bytes}, default 64k); a longer header section is refused
 */
public record HeaderCheckSettings(List<String> required, int maxHeaderBytes) {

    /** Validates the components. */
    public HeaderCheckSettings {
        required = List.copyOf(required);
        for (String name : required) {
            if (!HeaderSection.isFieldName(name)) {
                throw new IllegalArgumentException("plugins.header-check.required: \"" + name
                        + "\" is not a header field name (RFC 5322 2.2: printable ASCII except colon)");
            }
        }
        if (maxHeaderBytes < 1024) {
            throw new IllegalArgumentException("plugins.header-check.max-header-bytes must be at least 1024, got "
                    + maxHeaderBytes);
        }
    }

    /** Reads the settings from the server configuration. */
    public static HeaderCheckSettings from(PluginSettings settings) {
        return new HeaderCheckSettings(new ArrayList<>(settings.list("required", List.of("From", "Date"))),
                settings.integer("max-header-bytes", 64 * 1024));
    }
}
