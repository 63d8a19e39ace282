package dev.pillarbox.smtp.extensions.chunking;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;

/** The CHUNKING extension (RFC 3030) as a plugin named {@code chunking}, on by default. */
public final class ChunkingPlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public ChunkingPlugin() {
    }

    @Override
    public String name() {
        return "chunking";
    }

    @Override
    public String description() {
        return "CHUNKING (RFC 3030): the BDAT command";
    }

    @Override
    public Module module(PluginSettings settings) {
        return new ChunkingModule();
    }

    @Override
    public boolean enabledByDefault() {
        return true;
    }
}
