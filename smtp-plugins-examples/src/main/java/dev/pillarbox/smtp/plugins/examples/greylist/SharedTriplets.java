package dev.pillarbox.smtp.plugins.examples.greylist;

import dev.pillarbox.smtp.plugins.api.PolicyState;
import dev.pillarbox.smtp.plugins.api.PolicyStateException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Triplets in the shared {@link PolicyState}. The key is a SHA-256 of the triplet: bounded in length whatever
 * the addresses, and the store holds no readable addresses. Expiry is the store's (no size bound is needed: the
 * store evicts by TTL).
 */
final class SharedTriplets implements TripletStore {

    private final PolicyState state;
    private final GreylistSettings settings;

    SharedTriplets(PolicyState state, GreylistSettings settings) {
        this.state = state;
        this.settings = settings;
    }

    @Override
    public PolicyState.Greylisting decide(Triplet triplet, Instant now) throws PolicyStateException {
        return state.greylist(key(triplet), now, settings.delay(), settings.unconfirmedExpiry(),
                settings.confirmedExpiry());
    }

    @Override
    public int size() {
        return -1;
    }

    /** {@code greylist:<sha-256 hex of network, sender and recipient>}. */
    static String key(Triplet triplet) {
        String text = triplet.network() + '\n' + triplet.sender() + '\n' + triplet.recipient();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "greylist:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
