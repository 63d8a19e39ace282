package dev.pillarbox.server.cli;

import dev.pillarbox.smtp.core.EsmtpParameters;
import dev.pillarbox.smtp.core.ForwardPath;
import dev.pillarbox.smtp.core.Mailbox;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.plugins.api.HookPosition;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.RcptHook;
import dev.pillarbox.smtp.plugins.api.SessionView;
import java.net.IDN;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reference server never relays: it accepts a recipient only at one of its configured domains and
 * answers {@code 550 5.7.1 Relay access denied} for any other (the wording Postfix uses), and
 * {@code 550 5.1.2} for a recipient at an address literal. With no domains configured it accepts every
 * recipient, which start-up allows only when every listener is on a loopback address (a development catcher;
 * see {@link dev.pillarbox.server.config.ReferenceConfig#checkNotOpenCatcher()}).
 *
 * <p>{@code <Postmaster>} without a domain is always accepted (RFC 5321 4.1.1.3). Domains compare without
 * regard to case and in their ASCII (A-label) form, so {@code bücher.example} matches
 * {@code xn--bcher-kva.example}.
 */
public final class AcceptedDomainsHook implements RcptHook {

    /** RFC 5321 3.6.2 / 3.9: the server is not a relay. */
    static final Reply RELAY_DENIED = Reply.of(550, "5.7.1", "Relay access denied");
    /** RFC 3463 5.1.2: the destination system (here an address literal) is not one the server serves. */
    static final Reply ADDRESS_LITERAL_DENIED = Reply.of(550, "5.1.2",
            "Address literals are not accepted here, use a domain");

    private final Set<String> domains;

    private AcceptedDomainsHook(Set<String> domains) {
        this.domains = domains;
    }

    /** Accepts recipients at {@code domains} only; an empty collection accepts every recipient. */
    public static AcceptedDomainsHook of(Collection<String> domains) {
        Set<String> set = new TreeSet<>();
        for (String d : domains) {
            set.add(normalise(d));
        }
        return new AcceptedDomainsHook(Set.copyOf(set));
    }

    /** The accepted domains, in ASCII lower case; empty when every recipient is accepted. */
    public Set<String> domains() {
        return domains;
    }

    /** Runs early among RCPT hooks: nothing else should look at a recipient the server refuses anyway. */
    @Override
    public HookPosition position() {
        return HookPosition.EARLY;
    }

    @Override
    public HookResult onRcpt(SessionView session, ForwardPath forwardPath, EsmtpParameters parameters) {
        if (domains.isEmpty() || forwardPath.isPostmaster()) {
            return HookResult.next();
        }
        Mailbox mailbox = forwardPath.mailbox().orElseThrow();
        Optional<String> domain = mailbox.domain().map(d -> normalise(d.name()));
        if (domain.isEmpty()) {
            return HookResult.reject(ADDRESS_LITERAL_DENIED);
        }
        return domains.contains(domain.get()) ? HookResult.next() : HookResult.reject(RELAY_DENIED);
    }

    private static String normalise(String domain) {
        String d = domain.strip();
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        try {
            d = IDN.toASCII(d, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            // not convertible (e.g. an over-long label): compare as given; it can then only match itself
            return d.toLowerCase(Locale.ROOT);
        }
        return d.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return domains.isEmpty() ? "recipients: any (development catcher on loopback)"
                : "recipients: at " + String.join(", ", domains) + " only";
    }
}
