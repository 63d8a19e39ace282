package dev.pillarbox.smtp.plugins.examples.directory;

import dev.pillarbox.smtp.plugins.api.PluginSettings;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The {@code recipient-directory} plugin's settings.
 *
 * @param file the directory file (key {@code file}, required), read once at start-up
 * @param vrfy answer VRFY from the directory (key {@code vrfy}, default false: {@code 252}, since confirming
 *     addresses helps harvesters, RFC 5321 7.3)
 */
public record DirectorySettings(Path file, boolean vrfy) {

    /** Validates the components. */
    public DirectorySettings {
        Objects.requireNonNull(file, "file");
    }

    /** Reads the settings from the server configuration. */
    public static DirectorySettings from(PluginSettings settings) {
        String file = settings.string("file", null);
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("plugins.recipient-directory.file is required, e.g. "
                    + "file: /etc/pillarbox/recipients");
        }
        return new DirectorySettings(Path.of(file), settings.bool("vrfy", false));
    }
}
