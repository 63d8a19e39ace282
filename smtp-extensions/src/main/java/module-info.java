/**
 * The ESMTP extensions, each an ordinary plugin on the public plugin API: SIZE, 8BITMIME, BINARYMIME, SMTPUTF8,
 * ENHANCEDSTATUSCODES, CHUNKING, DSN, LMTP, STARTTLS and AUTH. Each package's module and settings are public API;
 * the plugins are provided to {@link java.util.ServiceLoader} here for the module path and in
 * {@code META-INF/services} for the class path (the two lists name the same classes).
 */
module dev.pillarbox.smtp.extensions {
    requires transitive dev.pillarbox.smtp.plugins;
    requires org.slf4j;

    exports dev.pillarbox.smtp.extensions;
    exports dev.pillarbox.smtp.extensions.auth;
    exports dev.pillarbox.smtp.extensions.binarymime;
    exports dev.pillarbox.smtp.extensions.chunking;
    exports dev.pillarbox.smtp.extensions.dsn;
    exports dev.pillarbox.smtp.extensions.eightbitmime;
    exports dev.pillarbox.smtp.extensions.enhancedstatuscodes;
    exports dev.pillarbox.smtp.extensions.lmtp;
    exports dev.pillarbox.smtp.extensions.size;
    exports dev.pillarbox.smtp.extensions.smtputf8;
    exports dev.pillarbox.smtp.extensions.starttls;

    // Guice constructs the hooks, verbs and capabilities through their @Inject constructors, many of them
    // package-private (deep reflection); the packages that only bind instances need no opening
    opens dev.pillarbox.smtp.extensions to com.google.guice;
    opens dev.pillarbox.smtp.extensions.auth to com.google.guice;
    opens dev.pillarbox.smtp.extensions.binarymime to com.google.guice;
    opens dev.pillarbox.smtp.extensions.chunking to com.google.guice;
    opens dev.pillarbox.smtp.extensions.dsn to com.google.guice;
    opens dev.pillarbox.smtp.extensions.lmtp to com.google.guice;
    opens dev.pillarbox.smtp.extensions.size to com.google.guice;
    opens dev.pillarbox.smtp.extensions.smtputf8 to com.google.guice;
    opens dev.pillarbox.smtp.extensions.starttls to com.google.guice;

    // the same list as META-INF/services/dev.pillarbox.smtp.plugins.api.SmtpPlugin (ServiceDeclarationsTest)
    provides dev.pillarbox.smtp.plugins.api.SmtpPlugin with
            dev.pillarbox.smtp.extensions.size.SizePlugin,
            dev.pillarbox.smtp.extensions.eightbitmime.EightBitMimePlugin,
            dev.pillarbox.smtp.extensions.smtputf8.SmtpUtf8Plugin,
            dev.pillarbox.smtp.extensions.enhancedstatuscodes.EnhancedStatusCodesPlugin,
            dev.pillarbox.smtp.extensions.chunking.ChunkingPlugin,
            dev.pillarbox.smtp.extensions.binarymime.BinaryMimePlugin,
            dev.pillarbox.smtp.extensions.dsn.DsnPlugin,
            dev.pillarbox.smtp.extensions.lmtp.LmtpPlugin,
            dev.pillarbox.smtp.extensions.starttls.StartTlsPlugin,
            dev.pillarbox.smtp.extensions.auth.AuthPlugin;
}
