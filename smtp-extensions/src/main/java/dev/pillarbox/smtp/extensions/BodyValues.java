package dev.pillarbox.smtp.extensions;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the {@code Set<String>} of values of the MAIL {@code BODY} parameter that the enabled extensions define:
 * {@code 7BIT} and {@code 8BITMIME} from 8BITMIME (RFC 6152), {@code BINARYMIME} from BINARYMIME (RFC 3030).
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface BodyValues {
}
