package dev.pillarbox.smtp.plugins.api;

import dev.pillarbox.smtp.core.Reply;
import java.util.List;
import java.util.Objects;

/**
 * What the server does after a handler ran: the only way a handler talks to the connection.
 *
 * <ul>
 *   <li>{@link Respond}: write one or more replies (LMTP writes one per recipient after a body).</li>
 *   <li>{@link RespondThenBody}: write a 354-style reply, switch the codec to DATA body mode, stream the body
 *       into the transaction's message, then call the {@link BodyCompletion} for the final reply.</li>
 *   <li>{@link ReadChunk}: no reply yet; pass exactly {@code octets} raw bytes into the transaction's message
 *       (BDAT, RFC 3030), then call the completion.</li>
 *   <li>{@link Deliver}: from a completion, finish the message: message hooks, store, the final reply.</li>
 *   <li>{@link RespondThenClose}: write the reply and close the connection.</li>
 *   <li>{@link RespondThenStartTls}: write the reply, discard every byte the client pipelined after the
 *       command (RFC 3207 section 6), reset the session and start the TLS handshake.</li>
 *   <li>{@link Challenge}: write a 334-style reply and hand the next line, raw, to a {@link LineHandler}
 *       (AUTH's multi-step exchange, RFC 4954).</li>
 * </ul>
 */
public sealed interface Outcome {

    /** Write the replies, in order. */
    record Respond(List<Reply> replies) implements Outcome {
        /** Validates and copies the replies. */
        public Respond {
            replies = List.copyOf(replies);
            if (replies.isEmpty()) {
                throw new IllegalArgumentException("Respond needs at least one reply");
            }
        }
    }

    /** Write {@code reply} (e.g. 354), read a DATA body, then ask {@code completion} for the final outcome. */
    record RespondThenBody(Reply reply, BodyCompletion completion) implements Outcome {
        /** Validates the components. */
        public RespondThenBody {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(completion, "completion");
            if (reply.code().value() / 100 != 3) {
                throw new IllegalArgumentException("a body follows a 3yz reply, got " + reply.code());
            }
        }
    }

    /** Read exactly {@code octets} raw bytes of a BDAT chunk (RFC 3030), then ask {@code completion}. */
    record ReadChunk(long octets, BodyCompletion completion) implements Outcome {
        /** Validates the components. */
        public ReadChunk {
            if (octets < 0) {
                throw new IllegalArgumentException("chunk size is negative: " + octets);
            }
            Objects.requireNonNull(completion, "completion");
        }
    }

    /**
     * Finish the message whose body (or last chunk) was just read, as DATA does: a body the server refused while
     * reading it (too large, bare line endings, over-long lines, a store failure) is answered at once; otherwise the
     * message hooks run, the message is stored and the client gets {@code 250 2.0.0 OK: queued as <id>} (under LMTP
     * one reply per recipient). The transaction ends either way. Valid only as what a {@link BodyCompletion}
     * returns: the server owns the message being received and finishes it.
     */
    record Deliver() implements Outcome {
    }

    /** Write {@code reply}, then close the connection. */
    record RespondThenClose(Reply reply) implements Outcome {
        /** Validates the component. */
        public RespondThenClose {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /** Write {@code reply} (220), then switch the connection to TLS (RFC 3207). */
    record RespondThenStartTls(Reply reply) implements Outcome {
        /** Validates the component. */
        public RespondThenStartTls {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /** Write {@code reply} (334), then hand the next line, raw, to {@code next} (RFC 4954). */
    record Challenge(Reply reply, LineHandler next) implements Outcome {
        /** Validates the components. */
        public Challenge {
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(next, "next");
        }
    }

    /** Write one reply. */
    static Outcome reply(Reply reply) {
        return new Respond(List.of(reply));
    }

    /** Write several replies in order (e.g. LMTP's one reply per recipient). */
    static Outcome replies(List<Reply> replies) {
        return new Respond(replies);
    }

    /** Write {@code reply} (354), then read the DATA body. */
    static Outcome replyThenBody(Reply reply, BodyCompletion completion) {
        return new RespondThenBody(reply, completion);
    }

    /** Read a BDAT chunk of {@code octets}, then complete. */
    static Outcome readChunk(long octets, BodyCompletion completion) {
        return new ReadChunk(octets, completion);
    }

    /** Finish the message just read (from a {@link BodyCompletion}): hooks, store, final reply. */
    static Outcome deliver() {
        return new Deliver();
    }

    /** Write {@code reply}, then close. */
    static Outcome replyThenClose(Reply reply) {
        return new RespondThenClose(reply);
    }

    /** Write {@code reply}, then start TLS. */
    static Outcome replyThenStartTls(Reply reply) {
        return new RespondThenStartTls(reply);
    }

    /** Write the challenge {@code reply}, then give the next line to {@code next}. */
    static Outcome challenge(Reply reply, LineHandler next) {
        return new Challenge(reply, next);
    }
}
