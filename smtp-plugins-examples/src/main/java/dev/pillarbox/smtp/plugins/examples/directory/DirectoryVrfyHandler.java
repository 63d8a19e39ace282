package dev.pillarbox.smtp.plugins.examples.directory;

import dev.pillarbox.smtp.core.AddressSyntaxException;
import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Mailbox;
import dev.pillarbox.smtp.core.Replies;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.CommandHandler;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Session;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Replaces the built-in VRFY (which always answers 252). RFC 5321 3.5.1: the argument is a user name or a
 * mailbox; a known one is answered {@code 250} with the mailbox, an unknown one {@code 550 5.1.1}, a user name
 * several mailboxes share {@code 553 5.1.4} (ambiguous). With {@code vrfy: false} it answers {@code 252 2.5.0}
 * like the built-in verb, so switching VRFY on is a setting, not a different module.
 */
@Singleton
final class DirectoryVrfyHandler implements CommandHandler {

    static final Reply NEEDS_ARGUMENT = Reply.of(501, "5.5.4", "VRFY needs a user name or mailbox");
    static final Reply AMBIGUOUS = Reply.of(553, "5.1.4", "User ambiguous, give a full mailbox");

    private final RecipientDirectory directory;
    private final DirectorySettings settings;

    @Inject
    DirectoryVrfyHandler(RecipientDirectory directory, DirectorySettings settings) {
        this.directory = directory;
        this.settings = settings;
    }

    @Override
    public Outcome handle(Session session, Command command) {
        String argument = command.argument().strip();
        if (argument.isEmpty()) {
            return Outcome.reply(NEEDS_ARGUMENT);
        }
        if (!settings.vrfy()) {
            return Outcome.reply(Replies.CANNOT_VRFY);
        }
        String text = argument.startsWith("<") && argument.endsWith(">")
                ? argument.substring(1, argument.length() - 1) : argument;
        if (text.indexOf('@') < 0) {
            List<RecipientDirectory.Entry> found = directory.byLocalPart(text);
            if (found.size() > 1) {
                return Outcome.reply(AMBIGUOUS);
            }
            return Outcome.reply(found.isEmpty() ? DirectoryRcptHook.UNKNOWN_USER : known(found.get(0)));
        }
        Mailbox mailbox;
        try {
            mailbox = Mailbox.parse(text, true);
        } catch (AddressSyntaxException e) {
            return Outcome.reply(Replies.invalidArguments(e));
        }
        return Outcome.reply(directory.lookup(mailbox).map(DirectoryVrfyHandler::known)
                .orElse(DirectoryRcptHook.UNKNOWN_USER));
    }

    private static Reply known(RecipientDirectory.Entry entry) {
        return Reply.of(250, "2.1.5", "<" + entry.mailbox() + ">");
    }
}
