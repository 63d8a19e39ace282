package dev.pillarbox.smtp.plugins.api;

import java.util.Optional;

/**
 * An EHLO keyword contributed by a plugin (RFC 5321 4.1.1.1), e.g. {@code "SIZE 10485760"} or
 * {@code "STARTTLS"}. Asked on every EHLO, so it may depend on the session (STARTTLS only before TLS).
 */
@FunctionalInterface
public interface EhloCapability {

    /** The EHLO line (keyword and parameters) for this session, or empty to not offer it. */
    Optional<String> keyword(SessionView session);
}
