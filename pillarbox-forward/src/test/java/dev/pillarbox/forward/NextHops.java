package dev.pillarbox.forward;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Real next hops on loopback for the gateway's tests, each started by the test and stopped by its PID: Postfix's
 * {@code smtp-sink}, a private Dovecot LMTP server, and a silent hop that accepts and never answers. A missing
 * program fails the test (bin/test-packages installs postfix, dovecot-core and dovecot-lmtpd).
 */
final class NextHops {

    private static final Duration READY = Duration.ofSeconds(60);
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private NextHops() {
    }

    /** A program listening on a loopback port, its output in a log file. */
    static final class Program implements AutoCloseable {

        private final Process process;
        private final Path log;
        private final int port;

        private Program(Process process, Path log, int port) {
            this.process = process;
            this.log = log;
            this.port = port;
        }

        int port() {
            return port;
        }

        String log() throws IOException {
            return Files.readString(log, StandardCharsets.ISO_8859_1);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Postfix's smtp-sink with {@code options} (e.g. {@code -f RCPT}: 5xx to every RCPT; {@code -r}: 4xx). */
    static Program smtpSink(Path dir, String... options) throws IOException, InterruptedException {
        Path program = Path.of("/usr/sbin/smtp-sink");
        require(program, "postfix");
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(program.toString()));
        if (ROOT) {
            command.addAll(List.of("-u", "nobody")); // it refuses to run as root without dropping privileges
        }
        command.addAll(List.of(options));
        command.addAll(List.of("127.0.0.1:" + port, "256"));
        return start(command, Files.createTempFile(dir, "smtp-sink", ".log"), port);
    }

    /**
     * A private Dovecot (LMTP only) with its own configuration, run and state folders under {@code dir} and the
     * given users ({@code alice@lmtp.test}); mail lands in {@code dir/mail/USER/new/}. Dovecot adds only
     * Return-Path ({@code lmtp_add_received_header = no}, {@code lmtp_hdr_delivery_address = none}) and keeps CRLF
     * ({@code mail_save_crlf = yes}).
     */
    static Program dovecot(Path dir, String... users) throws IOException, InterruptedException {
        Path program = Path.of("/usr/sbin/dovecot");
        require(program, "dovecot-core");
        require(Path.of("/usr/lib/dovecot/lmtp"), "dovecot-lmtpd");
        int port = freePort();
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
        return start(List.of(program.toString(), "-F", "-c", file.toString()), base.resolve("dovecot.out"), port);
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

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    private static void require(Path program, String pkg) {
        if (!Files.exists(program)) {
            throw new AssertionError(program + " is missing: install Debian's " + pkg + " (bin/test-packages)");
        }
    }

    private static Program start(List<String> command, Path log, int port) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Program program = new Program(process, log, port);
        long deadline = System.nanoTime() + READY.toNanos();
        String last = "no attempt";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(command.get(0) + " exited " + process.exitValue() + ": "
                        + program.log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                String code = new String(in.readNBytes(3), StandardCharsets.US_ASCII);
                if (code.equals("220")) {
                    s.getOutputStream().write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
                    return program;
                }
                last = "greeting began \"" + code + "\"";
            } catch (IOException e) {
                last = e.toString();
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // polling for readiness, bounded
        }
        program.close();
        throw new IllegalStateException(command.get(0) + " did not greet on " + port + " within " + READY + " ("
                + last + "): " + program.log());
    }
}
