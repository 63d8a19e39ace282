/**
 * A blocking SMTP/LMTP client on the codec ({@code SmtpClient}) and a load generator on it.
 */
module dev.pillarbox.smtp.client {
    requires transitive dev.pillarbox.smtp.core;
    requires transitive dev.pillarbox.smtp.codec;
    requires org.slf4j;

    exports dev.pillarbox.smtp.client;
    exports dev.pillarbox.smtp.client.load;
}
