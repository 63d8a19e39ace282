package dev.pillarbox.smtp.plugins.spi;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the server's maximum message size in octets (a {@code long}), which the server binds from its settings
 * and enforces on every DATA body and on the sum of a transaction's BDAT chunks (552 5.3.4). Extensions inject it
 * rather than keep a limit of their own, so that what SIZE advertises (RFC 1870) is what the server enforces:
 * {@code @Inject SizeCapability(@MaxMessageSize long limit)}.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface MaxMessageSize {
}
