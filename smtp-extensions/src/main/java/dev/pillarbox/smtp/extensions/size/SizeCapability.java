package dev.pillarbox.smtp.extensions.size;

import dev.pillarbox.smtp.plugins.api.EhloCapability;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.spi.MaxMessageSize;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Optional;

/** {@code SIZE <limit>} in the EHLO reply: the fixed maximum message size in octets (RFC 1870 4). */
@Singleton
final class SizeCapability implements EhloCapability {

    private final Optional<String> line;

    @Inject
    SizeCapability(@MaxMessageSize long limit) {
        this.line = Optional.of(SizeHook.SIZE + " " + limit);
    }

    @Override
    public Optional<String> keyword(SessionView session) {
        return line;
    }
}
