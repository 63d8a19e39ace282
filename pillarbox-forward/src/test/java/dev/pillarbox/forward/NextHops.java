package dev.pillarbox.forward;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.net.SocketFactory;

import dev.pillarbox.smtp.testing.EngineProcess;
import dev.pillarbox.smtp.testing.SmtpSink;

/**
 * Real next hops on loopback for the gateway's tests besides Postfix's {@code smtp-sink} ({@link SmtpSink}): a
 * private Dovecot LMTP server, started by the test and stopped by its PID, and a silent hop that accepts and never
 * answers. A missing program fails the test (bin/test-packages installs dovecot-core and dovecot-lmtpd).
 */
final class NextHops {

    private static final Duration READY = Duration.ofSeconds(60);
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private NextHops() {
    }

    /**
     * A private Dovecot (LMTP only) with its own configuration, run and state folders under {@code dir} and the
     * given users ({@code alice@lmtp.test}); mail lands in {@code dir/mail/USER/new/}. Dovecot adds only
     * Return-Path ({@code lmtp_add_received_header = no}, {@code lmtp_hdr_delivery_address = none}) and keeps CRLF
     * ({@code mail_save_crlf = yes}).
     */
    static Dovecot dovecot(Path dir, String... users) throws IOException, InterruptedException {
        // dovecot-lmtpd's program; launch checks dovecot-core's
        EngineProcess.requireInstalled(Path.of("/usr/lib/dovecot/lmtp"));
        Dovecot dovecot = new Dovecot(EngineProcess.freePort());
        int port = dovecot.port;
        Path base = dir.resolve("dovecot");
        Path mail = base.resolve("mail");
        Files.createDirectories(base.resolve("run"));
        Files.createDirectories(base.resolve("state"));
        Files.createDirectories(mail);
        StringBuilder passwd = new StringBuilder();
        for (String user : users) {
            passwd.append(user).append(":{PLAIN}unused::::::\n");
        }
        Files.writeString(base.resolve("users"), passwd);
        String owner;
        if (ROOT) {
            // Dovecot refuses to write mail as root: mail is written as nobody, into a folder it may write
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(mail, PosixFilePermissions.fromString("rwxrwxrwx"));
            owner = "default_login_user = dovenull\ndefault_internal_user = dovecot\n"
                    + "default_internal_group = dovecot\nmail_uid = nobody\nmail_gid = nogroup\n";
        } else {
            String user = System.getProperty("user.name");
            owner = "default_login_user = " + user + "\ndefault_internal_user = " + user + "\n";
        }
        String conf = "base_dir = " + base.resolve("run") + "\n"
                + "state_dir = " + base.resolve("state") + "\n"
                + "log_path = " + base.resolve("dovecot.log") + "\n"
                + "protocols = lmtp\nlisten = 127.0.0.1\nssl = no\n"
                + owner
                + "mail_location = maildir:" + mail + "/%u\n"
                + "mail_save_crlf = yes\nlmtp_add_received_header = no\nlmtp_hdr_delivery_address = none\n"
                + "passdb {\n  driver = passwd-file\n  args = " + base.resolve("users") + "\n}\n"
                + "userdb {\n  driver = passwd-file\n  args = " + base.resolve("users") + "\n"
                + "  default_fields = home=" + mail + "/%u\n}\n"
                + "service lmtp {\n  inet_listener lmtp {\n    address = 127.0.0.1\n    port = " + port
                + "\n  }\n}\n";
        Path file = base.resolve("dovecot.conf");
        Files.writeString(file, conf);
        dovecot.start(file, base.resolve("dovecot.out"));
        return dovecot;
    }

    /** Dovecot in the foreground, so that its own processes are descendants stopped with it; ready once LMTP greets. */
    static final class Dovecot extends EngineProcess {

        private final int port;

        private Dovecot(int port) {
            this.port = port;
        }

        private void start(Path conf, Path log) throws IOException, InterruptedException {
            launch(List.of("/usr/sbin/dovecot", "-F", "-c", conf.toString()), Map.of(), log, READY);
        }

        @Override
        protected boolean ready() {
            return greets(port, SocketFactory.getDefault());
        }

        int port() {
            return port;
        }
    }

    /** The messages Dovecot saved for {@code user}, oldest first (by file name). */
    static List<byte[]> mailbox(Path dir, String user) throws IOException {
        Path newDir = dir.resolve("dovecot").resolve("mail").resolve(user).resolve("new");
        if (!Files.isDirectory(newDir)) {
            return List.of();
        }
        List<byte[]> messages = new ArrayList<>();
        try (Stream<Path> files = Files.list(newDir).sorted()) {
            for (Path f : (Iterable<Path>) files::iterator) {
                messages.add(Files.readAllBytes(f));
            }
        }
        return messages;
    }

    /** A next hop that accepts connections and never says a word (for timeouts). */
    static final class SilentHop implements AutoCloseable {

        private final ServerSocket socket;
        private final List<Socket> accepted = new CopyOnWriteArrayList<>();
        private final Thread thread;

        SilentHop() throws IOException {
            socket = new ServerSocket();
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        accepted.add(socket.accept());
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            }, "silent-hop");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        /** Connections accepted so far. */
        int connections() {
            return accepted.size();
        }

        @Override
        public void close() throws IOException, InterruptedException {
            socket.close();
            for (Socket s : accepted) {
                s.close();
            }
            thread.join(5000);
        }
    }
}
