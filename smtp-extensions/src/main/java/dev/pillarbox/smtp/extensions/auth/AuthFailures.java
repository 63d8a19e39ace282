package dev.pillarbox.smtp.extensions.auth;

import dev.pillarbox.smtp.plugins.api.PolicyState;
import dev.pillarbox.smtp.plugins.api.PolicyStateException;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Failed AUTH attempts per client address, for the delay that slows password guessing: counted in this
 * instance's memory ({@link FailureThrottle}) or in the shared {@link PolicyState} ({@link SharedFailureThrottle}),
 * where a guesser spreading its connections over the instances of a cluster meets one count.
 */
interface AuthFailures {

    /**
     * Checks, before an exchange, that failures can be counted: a no-op in memory, a read of the shared store.
     *
     * @throws PolicyStateException if a shared store cannot answer
     */
    void admit(InetAddress client) throws PolicyStateException;

    /**
     * Records a failure from {@code client} and returns how long to wait before answering it.
     *
     * @throws PolicyStateException if a shared store cannot answer
     */
    Duration failed(InetAddress client) throws PolicyStateException;

    /**
     * Forgets {@code client}'s failures after it authenticated.
     *
     * @throws PolicyStateException if a shared store cannot answer
     */
    void succeeded(InetAddress client) throws PolicyStateException;
}
