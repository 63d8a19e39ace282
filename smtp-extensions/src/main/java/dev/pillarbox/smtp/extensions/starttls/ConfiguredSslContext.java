package dev.pillarbox.smtp.extensions.starttls;

import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} that applies the configured protocol versions and cipher suites to every socket and
 * engine it makes. The server only sees an {@code SSLContext} (bound with {@code ExtensionPoints.tlsContext}), so the
 * restriction travels inside it and holds for STARTTLS and implicit TLS alike. The server's cipher suite order
 * wins over the client's.
 */
final class ConfiguredSslContext extends SSLContext {

    private ConfiguredSslContext(Spi spi, SSLContext base) {
        super(spi, base.getProvider(), base.getProtocol());
    }

    /** {@code base} restricted to {@code protocols} and, unless empty, {@code cipherSuites}. */
    static SSLContext wrap(SSLContext base, List<String> protocols, List<String> cipherSuites) {
        return new ConfiguredSslContext(new Spi(base, protocols.toArray(new String[0]),
                cipherSuites.isEmpty() ? null : cipherSuites.toArray(new String[0])), base);
    }

    /** Delegates to the base context and configures what it creates. */
    private static final class Spi extends SSLContextSpi {
        private final SSLContext base;
        private final String[] protocols;
        private final String[] cipherSuites;

        Spi(SSLContext base, String[] protocols, String[] cipherSuites) {
            this.base = base;
            this.protocols = protocols;
            this.cipherSuites = cipherSuites;
        }

        SSLParameters parameters(SSLParameters parameters) {
            parameters.setProtocols(protocols);
            if (cipherSuites != null) {
                parameters.setCipherSuites(cipherSuites);
            }
            parameters.setUseCipherSuitesOrder(true);
            return parameters;
        }

        /** The configured cipher suites, or the factory's own defaults when none are configured. */
        String[] defaultCipherSuites(String[] factoryDefaults) {
            return cipherSuites != null ? cipherSuites.clone() : factoryDefaults;
        }

        SSLEngine configure(SSLEngine engine) {
            engine.setSSLParameters(parameters(engine.getSSLParameters()));
            return engine;
        }

        <T extends Socket> T configure(T socket) {
            if (socket instanceof SSLSocket ssl) {
                ssl.setSSLParameters(parameters(ssl.getSSLParameters()));
            }
            return socket;
        }

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random)
                throws KeyManagementException {
            throw new KeyManagementException("the context is already initialised");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new Sockets(this, base.getSocketFactory());
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return new ServerSockets(this, base.getServerSocketFactory());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return configure(base.createSSLEngine());
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return configure(base.createSSLEngine(host, port));
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return base.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return base.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return parameters(base.getDefaultSSLParameters());
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return base.getSupportedSSLParameters();
        }
    }

    /** Client- and layered-socket factory that configures each socket. */
    private static final class Sockets extends SSLSocketFactory {
        private final Spi spi;
        private final SSLSocketFactory delegate;

        Sockets(Spi spi, SSLSocketFactory delegate) {
            this.spi = spi;
            this.delegate = delegate;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return spi.defaultCipherSuites(delegate.getDefaultCipherSuites());
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return spi.configure(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
            return spi.configure(delegate.createSocket(socket, host, port, autoClose));
        }

        @Override
        public Socket createSocket(Socket socket, InputStream consumed, boolean autoClose) throws IOException {
            return spi.configure(delegate.createSocket(socket, consumed, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return spi.configure(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return spi.configure(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return spi.configure(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return spi.configure(delegate.createSocket(address, port, localAddress, localPort));
        }
    }

    /** Server-socket factory that configures each listening socket. */
    private static final class ServerSockets extends SSLServerSocketFactory {
        private final Spi spi;
        private final SSLServerSocketFactory delegate;

        ServerSockets(Spi spi, SSLServerSocketFactory delegate) {
            this.spi = spi;
            this.delegate = delegate;
        }

        private ServerSocket configure(ServerSocket socket) {
            SSLServerSocket ssl = (SSLServerSocket) socket;
            ssl.setSSLParameters(spi.parameters(ssl.getSSLParameters()));
            return socket;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return spi.defaultCipherSuites(delegate.getDefaultCipherSuites());
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public ServerSocket createServerSocket() throws IOException {
            return configure(delegate.createServerSocket());
        }

        @Override
        public ServerSocket createServerSocket(int port) throws IOException {
            return configure(delegate.createServerSocket(port));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog) throws IOException {
            return configure(delegate.createServerSocket(port, backlog));
        }

        @Override
        public ServerSocket createServerSocket(int port, int backlog, InetAddress address) throws IOException {
            return configure(delegate.createServerSocket(port, backlog, address));
        }
    }
}
