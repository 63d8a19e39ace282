package dev.pillarbox.smtp.extensions.auth;

import dev.pillarbox.smtp.plugins.api.PolicyState;
import dev.pillarbox.smtp.plugins.api.PolicyStateException;
import java.net.InetAddress;
import java.time.Duration;

/**
 * AUTH failures counted in the shared {@link PolicyState} under {@code auth-failures:<client address>}, with the
 * same doubling delay as {@link FailureThrottle}. The store's expiry ({@code failure-window}) replaces the
 * in-memory bound.
 */
final class SharedFailureThrottle implements AuthFailures {

    private final PolicyState state;
    private final AuthSettings settings;
    private final FailureThrottle delays;

    SharedFailureThrottle(PolicyState state, AuthSettings settings) {
        this.state = state;
        this.settings = settings;
        this.delays = new FailureThrottle(settings);
    }

    @Override
    public void admit(InetAddress client) throws PolicyStateException {
        state.failures(key(client));
    }

    @Override
    public Duration failed(InetAddress client) throws PolicyStateException {
        return delays.delay(state.recordFailure(key(client), settings.failureWindow()));
    }

    @Override
    public void succeeded(InetAddress client) throws PolicyStateException {
        state.forget(key(client));
    }

    private static String key(InetAddress client) {
        return "auth-failures:" + client.getHostAddress();
    }
}
