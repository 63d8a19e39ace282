package dev.pillarbox.smtp.plugins.examples.directory;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Binds the directory's RCPT hook and replaces VRFY. The file is read by {@link #directory}, a provider the
 * injector calls once when the server starts: {@code configure()} itself never touches the file system.
 */
public final class DirectoryModule extends AbstractModule {

    private final DirectorySettings settings;

    /** A module with these settings. */
    public DirectoryModule(DirectorySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(DirectorySettings.class).toInstance(settings);
        SmtpBinder.hook(binder(), RcptHook.class).to(DirectoryRcptHook.class);
        SmtpBinder.replaceVerb(binder(), "VRFY").to(DirectoryVrfyHandler.class);
    }

    @Provides
    @Singleton
    RecipientDirectory directory(DirectorySettings settings) {
        try {
            return RecipientDirectory.read(settings.file());
        } catch (IOException e) {
            throw new UncheckedIOException("plugins.recipient-directory.file: cannot read " + settings.file(), e);
        }
    }
}
