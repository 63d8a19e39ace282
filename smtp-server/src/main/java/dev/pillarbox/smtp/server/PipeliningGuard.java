package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.core.Verb;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.spi.VerbTrait;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 2920's rules on what a client may send before it has seen a reply. Improper pipelining is: bytes before the
 * greeting, input waiting after a command that ends a pipeline group (EHLO, HELO, LHLO, or a DATA that gets 354),
 * and any pipelining by a client that was not offered PIPELINING. "Input waiting" means bytes the client sent
 * before it could have seen the reply. Under {@link PipeliningPolicy#REJECT} the connection answers
 * {@code 554 5.5.0} and closes; under {@link PipeliningPolicy#LOG_ONLY} it logs one line and goes on.
 */
final class PipeliningGuard {

    private static final Logger LOG = LoggerFactory.getLogger(PipeliningGuard.class);

    private final PipeliningPolicy policy;
    private final ConnectionInput input;
    private final String client;

    PipeliningGuard(PipeliningPolicy policy, ConnectionInput input, String client) {
        this.policy = policy;
        this.input = input;
        this.client = client;
    }

    /**
     * What was improper about answering {@code verb} with {@code outcome} with input already waiting, or null.
     * Bytes after BDAT are its chunk, and input after QUIT does not matter.
     *
     * @param pipeliningOffered whether the client had been offered PIPELINING (EHLO) before this command
     */
    String check(Verb verb, Set<VerbTrait> traits, Outcome outcome, boolean pipeliningOffered) throws IOException {
        if (outcome instanceof Outcome.RespondThenClose || outcome instanceof Outcome.ReadChunk) {
            return null;
        }
        boolean body = outcome instanceof Outcome.RespondThenBody;
        boolean endsGroup = body || traits.contains(VerbTrait.ENDS_PIPELINE_GROUP);
        if (!(endsGroup || !pipeliningOffered) || !input.waiting()) {
            return null;
        }
        if (body) {
            return "input after DATA before 354"; // the client sent its body before our 354
        }
        return pipeliningOffered ? "input after " + verb : "pipelining without PIPELINING";
    }

    /** Whether the policy refuses {@code what} (554 and close); under LOG_ONLY it is logged and the session goes on. */
    boolean refuses(String what) {
        if (policy == PipeliningPolicy.LOG_ONLY) {
            LOG.info("improper pipelining from {}: {}", client, what);
            return false;
        }
        return true;
    }
}
