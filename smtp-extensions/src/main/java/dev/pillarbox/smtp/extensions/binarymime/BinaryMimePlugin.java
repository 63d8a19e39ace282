package dev.pillarbox.smtp.extensions.binarymime;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;

/** The BINARYMIME extension (RFC 3030) as a plugin named {@code binarymime}, on by default; needs {@code chunking}. */
public final class BinaryMimePlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public BinaryMimePlugin() {
    }

    @Override
    public String name() {
        return "binarymime";
    }

    @Override
    public String description() {
        return "BINARYMIME (RFC 3030): accepts BODY=BINARYMIME, sent with BDAT only";
    }

    @Override
    public Module module(PluginSettings settings) {
        return new BinaryMimeModule();
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }
}
