package dev.pillarbox.smtp.plugins.api;

import jakarta.inject.Qualifier;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Qualifies the {@code Set<String>} of verbs bound through {@link SmtpBinder#defaultVerb} or
 * {@link SmtpBinder#replaceVerb}; the server looks each up under {@link SmtpBinder#verbKey}.
 */
@Qualifier
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface ReplaceableVerbs {
}
