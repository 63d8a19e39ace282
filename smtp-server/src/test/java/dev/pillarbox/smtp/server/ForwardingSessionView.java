package dev.pillarbox.smtp.server;

import dev.pillarbox.smtp.plugins.api.AttributeKey;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.Phase;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.SessionView;
import java.net.InetSocketAddress;
import java.util.Optional;
import javax.net.ssl.SSLSession;

/** A SessionView that forwards everything; tests override what they fake. */
class ForwardingSessionView implements SessionView {

    private final SessionView delegate;

    ForwardingSessionView(SessionView delegate) {
        this.delegate = delegate;
    }

    @Override
    public String id() {
        return delegate.id();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return delegate.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return delegate.localAddress();
    }

    @Override
    public String listenerName() {
        return delegate.listenerName();
    }

    @Override
    public Protocol protocol() {
        return delegate.protocol();
    }

    @Override
    public String serverName() {
        return delegate.serverName();
    }

    @Override
    public Optional<String> heloName() {
        return delegate.heloName();
    }

    @Override
    public boolean extended() {
        return delegate.extended();
    }

    @Override
    public Phase phase() {
        return delegate.phase();
    }

    @Override
    public Envelope envelope() {
        return delegate.envelope();
    }

    @Override
    public boolean isTls() {
        return delegate.isTls();
    }

    @Override
    public Optional<SSLSession> tlsSession() {
        return delegate.tlsSession();
    }

    @Override
    public Optional<String> authenticatedIdentity() {
        return delegate.authenticatedIdentity();
    }

    @Override
    public Optional<String> authenticationMechanism() {
        return delegate.authenticationMechanism();
    }

    @Override
    public <T> Optional<T> attribute(AttributeKey<T> key) {
        return delegate.attribute(key);
    }

    @Override
    public <T> void attribute(AttributeKey<T> key, T value) {
        delegate.attribute(key, value);
    }

    @Override
    public <T> Optional<T> transactionAttribute(AttributeKey<T> key) {
        return delegate.transactionAttribute(key);
    }

    @Override
    public <T> void transactionAttribute(AttributeKey<T> key, T value) {
        delegate.transactionAttribute(key, value);
    }
}
