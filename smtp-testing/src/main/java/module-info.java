/**
 * Test support for plugin authors and for Pillarbox's own tests: a real server on loopback as a JUnit 5 extension
 * ({@code SmtpServerExtension}), a raw SMTP test client, a recording message store and a throw-away test PKI.
 */
module dev.pillarbox.smtp.testing {
    requires transitive dev.pillarbox.smtp.server;
    requires transitive dev.pillarbox.smtp.codec;
    requires transitive dev.pillarbox.smtp.plugins;
    requires transitive org.junit.jupiter.api;
    requires org.bouncycastle.pkix; // brings org.bouncycastle.util
    requires org.bouncycastle.provider;

    exports dev.pillarbox.smtp.testing;
}
