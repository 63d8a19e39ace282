package dev.pillarbox.smtp.plugins.spi;

import dev.pillarbox.smtp.plugins.api.BodyResult;
import dev.pillarbox.smtp.plugins.api.Outcome;
import dev.pillarbox.smtp.plugins.api.Session;

/**
 * The server's end-of-message step, injectable so that DATA and extensions such as BDAT finish a message
 * the same way: run the message hooks, commit the message to the store, answer (one reply, or one per
 * recipient under LMTP) and reset the transaction.
 */
public interface MessageDelivery {

    /**
     * Finishes the session's current message after its body was read.
     *
     * @param session the session whose message is complete
     * @param body the codec's view of the body; a violation refuses the message (552, 554, 500) without
     *     running hooks
     * @return the replies for the client
     */
    Outcome deliver(Session session, BodyResult body);
}
