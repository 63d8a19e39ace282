/**
 * The SMTP server engine: listeners, the connection loop, sessions, the dispatcher and the RFC 5321 verbs.
 * {@code SmtpServer} wires it with Guice and the plugins that {@link java.util.ServiceLoader} finds (the
 * {@code uses} below: on the module path a plugin module {@code provides} {@code SmtpPlugin}, on the class path it
 * lists the class in {@code META-INF/services}). The verb handlers are internal: not exported, only opened to Guice,
 * which constructs them.
 */
module dev.pillarbox.smtp.server {
    requires transitive dev.pillarbox.smtp.codec;
    requires transitive dev.pillarbox.smtp.plugins;
    requires org.slf4j;

    exports dev.pillarbox.smtp.server;
    exports dev.pillarbox.smtp.server.proxy;

    // Guice builds the package-private handlers through their @Inject constructors (deep reflection)
    opens dev.pillarbox.smtp.server.verbs to com.google.guice;

    uses dev.pillarbox.smtp.plugins.api.SmtpPlugin;
}
