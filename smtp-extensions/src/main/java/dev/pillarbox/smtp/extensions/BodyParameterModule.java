package dev.pillarbox.smtp.extensions;

import com.google.inject.AbstractModule;
import com.google.inject.Binder;
import com.google.inject.multibindings.Multibinder;
import dev.pillarbox.smtp.plugins.api.MailHook;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import java.util.Locale;

/**
 * The MAIL {@code BODY} parameter shared by 8BITMIME (RFC 6152) and BINARYMIME (RFC 3030): owns the parameter and
 * binds the one hook that checks its value against the {@link BodyValues} the enabled extensions contribute.
 * Both extensions install it; Guice installs equal modules once, so the hook runs once whichever are enabled.
 */
public final class BodyParameterModule extends AbstractModule {

    /** Adds {@code value} to the BODY values the enabled extensions accept. */
    public static void bodyValue(Binder binder, String value) {
        Multibinder.newSetBinder(binder, String.class, BodyValues.class).permitDuplicates().addBinding()
                .toInstance(value.toUpperCase(Locale.ROOT));
    }

    /** The module; both extensions make their own, which Guice installs once (they are equal). */
    public BodyParameterModule() {
    }

    @Override
    protected void configure() {
        SmtpBinder.mailParameter(binder(), BodyParameterHook.BODY, " BODY=BINARYMIME".length()); // the longest value
        SmtpBinder.hook(binder(), MailHook.class).to(BodyParameterHook.class);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BodyParameterModule;
    }

    @Override
    public int hashCode() {
        return BodyParameterModule.class.hashCode();
    }
}
