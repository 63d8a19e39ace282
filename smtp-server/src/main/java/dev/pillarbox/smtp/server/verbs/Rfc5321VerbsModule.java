package dev.pillarbox.smtp.server.verbs;

import com.google.inject.AbstractModule;
import com.google.inject.name.Names;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import dev.pillarbox.smtp.plugins.spi.VerbTrait;

/**
 * The RFC 5321 verbs, bound exactly as a plugin binds its own: each as a replaceable default
 * ({@link ExtensionPoints#defaultVerb}), so that a plugin swaps one with {@link SmtpBinder#replaceVerb}; plus the
 * unknown-verb fall-back ({@code 500 5.5.2}), replaceable with {@link SmtpBinder#unknownVerb}.
 *
 * <p>Configured with the maximum number of recipients per transaction (RCPT's {@code 452 4.5.3} beyond it).
 * EXPN answers {@code 502 5.5.1}: mailing-list expansion discloses members (RFC 5321 7.3). VRFY answers
 * {@code 252 2.5.0}: the server does not confirm addresses (RFC 5321 3.5.3, 7.3).
 */
public final class Rfc5321VerbsModule extends AbstractModule {

    /** The qualifier name of the maximum number of recipients per transaction (an {@code int}). */
    static final String MAX_RECIPIENTS = "smtp.maxRecipients";

    private final int maxRecipients;

    /** The verbs, with at most {@code maxRecipients} recipients per transaction (RFC 5321 4.5.3.1.8). */
    public Rfc5321VerbsModule(int maxRecipients) {
        this.maxRecipients = maxRecipients;
    }

    @Override
    protected void configure() {
        ExtensionPoints.declare(binder());
        bindConstant().annotatedWith(Names.named(MAX_RECIPIENTS)).to(maxRecipients);
        ExtensionPoints.defaultVerb(binder(), "HELO").to(HeloHandler.class);
        ExtensionPoints.defaultVerb(binder(), "EHLO").to(EhloHandler.class);
        ExtensionPoints.defaultVerb(binder(), "MAIL").to(MailHandler.class);
        ExtensionPoints.defaultVerb(binder(), "RCPT").to(RcptHandler.class);
        ExtensionPoints.defaultVerb(binder(), "DATA").to(DataHandler.class);
        ExtensionPoints.defaultVerb(binder(), "RSET").to(RsetHandler.class);
        ExtensionPoints.defaultVerb(binder(), "NOOP").to(NoopHandler.class);
        ExtensionPoints.defaultVerb(binder(), "QUIT").to(QuitHandler.class);
        ExtensionPoints.defaultVerb(binder(), "VRFY").to(VrfyHandler.class);
        ExtensionPoints.defaultVerb(binder(), "EXPN").to(ExpnHandler.class);
        ExtensionPoints.defaultVerb(binder(), "HELP").to(HelpHandler.class);
        ExtensionPoints.defaultUnknownVerb(binder()).to(UnknownVerbHandler.class);
        // RFC 2920 3.1: EHLO and HELO end a pipeline group (a client not offered PIPELINING waits anyway)
        ExtensionPoints.verbTrait(binder(), "EHLO", VerbTrait.ENDS_PIPELINE_GROUP);
        ExtensionPoints.verbTrait(binder(), "HELO", VerbTrait.ENDS_PIPELINE_GROUP);
        for (String verb : new String[] {"NOOP", "RSET", "VRFY", "EXPN", "HELP"}) {
            ExtensionPoints.verbTrait(binder(), verb, VerbTrait.JUNK); // no mail work: the junk command limit
        }
    }
}
