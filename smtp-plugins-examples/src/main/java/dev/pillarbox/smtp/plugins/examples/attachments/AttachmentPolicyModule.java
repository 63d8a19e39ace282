package dev.pillarbox.smtp.plugins.examples.attachments;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import java.util.Objects;

/** Binds the attachment policy's message hook. */
public final class AttachmentPolicyModule extends AbstractModule {

    private final AttachmentPolicySettings settings;

    /** A module with these settings. */
    public AttachmentPolicyModule(AttachmentPolicySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    protected void configure() {
        bind(AttachmentPolicySettings.class).toInstance(settings);
        SmtpBinder.hook(binder(), MessageHook.class).to(AttachmentPolicy.class);
    }
}
