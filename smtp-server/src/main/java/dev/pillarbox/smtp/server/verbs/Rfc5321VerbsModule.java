package dev.pillarbox.smtp.server.verbs;

import com.google.inject.AbstractModule;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;

/**
 * The RFC 5321 verbs, bound exactly as a plugin binds its own: each as a replaceable default
 * ({@link SmtpBinder#defaultVerb}), so that a plugin swaps one with {@link SmtpBinder#replaceVerb}; plus the
 * unknown-verb fall-back ({@code 500 5.5.2}), replaceable with {@link SmtpBinder#unknownVerb}.
 *
 * <p>Needs a {@link dev.pillarbox.smtp.server.ServerSettings} binding (the server's core module provides it).
 * EXPN answers {@code 502 5.5.1}: mailing-list expansion discloses members (RFC 5321 7.3). VRFY answers
 * {@code 252 2.5.0}: the server does not confirm addresses (RFC 5321 3.5.3, 7.3).
 */
public final class Rfc5321VerbsModule extends AbstractModule {

    @Override
    protected void configure() {
        SmtpBinder.declareExtensionPoints(binder());
        SmtpBinder.defaultVerb(binder(), "HELO").to(HeloHandler.class);
        SmtpBinder.defaultVerb(binder(), "EHLO").to(EhloHandler.class);
        SmtpBinder.defaultVerb(binder(), "MAIL").to(MailHandler.class);
        SmtpBinder.defaultVerb(binder(), "RCPT").to(RcptHandler.class);
        SmtpBinder.defaultVerb(binder(), "DATA").to(DataHandler.class);
        SmtpBinder.defaultVerb(binder(), "RSET").to(RsetHandler.class);
        SmtpBinder.defaultVerb(binder(), "NOOP").to(NoopHandler.class);
        SmtpBinder.defaultVerb(binder(), "QUIT").to(QuitHandler.class);
        SmtpBinder.defaultVerb(binder(), "VRFY").to(VrfyHandler.class);
        SmtpBinder.defaultVerb(binder(), "EXPN").to(ExpnHandler.class);
        SmtpBinder.defaultVerb(binder(), "HELP").to(HelpHandler.class);
        SmtpBinder.defaultUnknownVerb(binder()).to(UnknownVerbHandler.class);
    }
}
