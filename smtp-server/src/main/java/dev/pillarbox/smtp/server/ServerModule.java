package dev.pillarbox.smtp.server;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.plugins.spi.HeloNamePolicy;
import dev.pillarbox.smtp.plugins.spi.MaxMessageSize;
import dev.pillarbox.smtp.server.verbs.Rfc5321VerbsModule;
import java.time.Clock;

/**
 * The server's own bindings: its settings, every extension point (so that the server can inject them when no
 * plugin adds anything) and the RFC 5321 verbs. Only binds.
 */
final class ServerModule extends AbstractModule {

    private final ServerSettings settings;

    ServerModule(ServerSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(ServerSettings.class).toInstance(settings);
        ExtensionPoints.declare(binder());
        ExtensionPoints.defaultServerEvents(binder());
        install(new Rfc5321VerbsModule(settings.maxRecipients()));
        bind(Clock.class).annotatedWith(ServerClock.class).toInstance(Clock.systemDefaultZone());
        // what the server enforces on bodies, for extensions such as SIZE to advertise (RFC 1870)
        bind(Long.class).annotatedWith(MaxMessageSize.class).toInstance(settings.codecLimits().maxMessageSize());
        // what the greeting verbs accept as the client's name, for extensions such as LMTP's LHLO too
        bind(HeloNamePolicy.class).toInstance(settings.heloNames());
    }
}
