package dev.pillarbox.smtp.plugins.examples.attachments;

import dev.pillarbox.smtp.plugins.api.HeaderField;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code attachment-policy} plugin's settings.
 *
 * @param bannedExtensions file name extensions refused, lower case without the dot (key {@code banned-extensions},
 *     default the executables and scripts Outlook blocks: exe, com, scr, pif, bat, cmd, vbs, js, jse, wsf, msi, hta)
 * @param bannedTypes MIME types refused, lower case (key {@code banned-types}, default
 *     {@code application/x-msdownload}, {@code application/x-dosexec})
 * @param header the header field that lists the attachments of an accepted message (key {@code header}, default
 *     {@code X-Attachments})
 * @param maxParts how many MIME parts a message may have before it is refused as a parser bomb (key
 *     {@code max-parts}, default 1000)
 */
public record AttachmentPolicySettings(Set<String> bannedExtensions, Set<String> bannedTypes, String header,
        int maxParts) {

    /** The default banned extensions. */
    public static final List<String> DEFAULT_EXTENSIONS =
            List.of("exe", "com", "scr", "pif", "bat", "cmd", "vbs", "js", "jse", "wsf", "msi", "hta");
    /** The default banned types. */
    public static final List<String> DEFAULT_TYPES = List.of("application/x-msdownload", "application/x-dosexec");

    /** Validates and normalises the components. */
    public AttachmentPolicySettings {
        bannedExtensions = lower(bannedExtensions, "banned-extensions");
        bannedTypes = lower(bannedTypes, "banned-types");
        HeaderField.of(Objects.requireNonNull(header, "header"), ""); // a valid field name, or a clear error
        if (maxParts < 1) {
            throw new IllegalArgumentException("plugins.attachment-policy.max-parts must be positive, got "
                    + maxParts);
        }
    }

    private static Set<String> lower(Set<String> values, String key) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            String s = v.strip().toLowerCase(Locale.ROOT);
            if (s.startsWith(".")) {
                s = s.substring(1);
            }
            if (s.isEmpty()) {
                throw new IllegalArgumentException("plugins.attachment-policy." + key + " has an empty entry");
            }
            out.add(s);
        }
        return Set.copyOf(out);
    }

    /** Reads the settings from the server configuration. */
    public static AttachmentPolicySettings from(PluginSettings settings) {
        return new AttachmentPolicySettings(
                new LinkedHashSet<>(settings.list("banned-extensions", DEFAULT_EXTENSIONS)),
                new LinkedHashSet<>(settings.list("banned-types", DEFAULT_TYPES)),
                settings.string("header", "X-Attachments"),
                settings.integer("max-parts", 1000));
    }

    /** The defaults. */
    public static AttachmentPolicySettings defaults() {
        return from(PluginSettings.empty("attachment-policy"));
    }
}
