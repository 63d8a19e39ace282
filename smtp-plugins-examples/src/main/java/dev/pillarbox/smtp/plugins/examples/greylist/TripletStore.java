package dev.pillarbox.smtp.plugins.examples.greylist;

import dev.pillarbox.smtp.plugins.api.PolicyState;
import dev.pillarbox.smtp.plugins.api.PolicyStateException;
import java.time.Instant;

/**
 * Where greylisting remembers triplets: in this instance's memory ({@link GreylistTable}) or in the shared
 * {@link PolicyState} ({@link SharedTriplets}), so a retry through another instance of a cluster finds its first
 * attempt.
 */
interface TripletStore {

    /**
     * Records an attempt of {@code triplet} at {@code now} and decides it.
     *
     * @throws PolicyStateException if a shared store cannot answer
     */
    PolicyState.Greylisting decide(Triplet triplet, Instant now) throws PolicyStateException;

    /** Triplets held here, or -1 when they are held elsewhere (the gauge then reads nothing useful). */
    int size();
}
