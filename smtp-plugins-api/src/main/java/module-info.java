/**
 * The plugin author's API: a plugin is a Guice module plus an {@code SmtpPlugin} that names it, found with
 * {@link java.util.ServiceLoader}. {@code dev.pillarbox.smtp.plugins.api} is what a plugin author uses;
 * {@code dev.pillarbox.smtp.plugins.spi} is the contract between the extension points and the engine that reads
 * them. A plugin module declares {@code provides dev.pillarbox.smtp.plugins.api.SmtpPlugin with ...} and opens the
 * packages of its injected classes to {@code com.google.guice}.
 */
// Guice 7 is an automatic module (no module-info, Automatic-Module-Name com.google.guice): javac warns that a
// transitive requires of it ties the API to that name, which is the name Guice publishes for this purpose
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module dev.pillarbox.smtp.plugins {
    requires transitive dev.pillarbox.smtp.core;
    // the API's types are Guice's (Module, Binder, Key) and jakarta.inject's qualifiers: a plugin needs both
    requires transitive com.google.guice;
    requires transitive jakarta.inject;
    // the logging facade plugins log through, as the POM brings it
    requires transitive org.slf4j;

    exports dev.pillarbox.smtp.plugins.api;
    exports dev.pillarbox.smtp.plugins.spi;
}
