/**
 * A Pillarbox plugin and a small codec-based client, as one Java module. The plugin's package is opened to Guice,
 * which constructs its hook through the {@code @Inject} constructor; the plugin is provided to the server's
 * ServiceLoader here (module path) and in META-INF/services (class path).
 */
module org.example.mail {
    requires dev.pillarbox.smtp.codec;
    requires dev.pillarbox.smtp.plugins;

    exports org.example.mail.stamp;
    exports org.example.mail.wire;

    // Guice constructs StampHook through its package-private @Inject constructor: a server launched with java -m
    // needs this opening for that (without it: InaccessibleObjectException naming the constructor). The tests
    // below pass under surefire even without it, so they do not guard this line.
    opens org.example.mail.stamp to com.google.guice;

    provides dev.pillarbox.smtp.plugins.api.SmtpPlugin with org.example.mail.stamp.StampPlugin;
}
