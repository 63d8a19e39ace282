package dev.pillarbox.smtp.client.peers;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.pillarbox.smtp.testing.EngineProcess;

/**
 * A private Postfix (Debian package postfix) for one test class: its own {@code config_directory},
 * {@code queue_directory} and {@code data_directory} in a temporary folder, smtpd on {@code 127.0.0.1} and a free
 * non-standard port, STARTTLS with the given certificate, a {@code maillog_file}, and every message discarded after
 * queueing (the {@code discard} transport), so nothing leaves the box. The master runs in the foreground
 * ({@code master -d}) as a child of the test and is stopped by its PID. Needs root, as Postfix does.
 */
public final class PrivatePostfix implements AutoCloseable {

    private static final String POSTFIX = "/usr/sbin/postfix";
    private static final String MASTER = "/usr/lib/postfix/sbin/master";

    private final Path root;
    private final PeerProcess master;

    private PrivatePostfix(Path root, PeerProcess master) {
        this.root = root;
        this.master = master;
    }

    /**
     * Starts Postfix with smtpd on a free port.
     *
     * @param keyPem the private key of the TLS certificate
     * @param chainPem the certificate and its chain
     */
    public static PrivatePostfix start(Path keyPem, Path chainPem) throws IOException {
        if (!PeerProcess.root()) {
            throw new IllegalStateException("a private Postfix needs root (its daemons switch to the postfix user)");
        }
        // not under the test's 0700 temporary folder: Postfix's daemons run as the postfix user
        Path root = Files.createTempDirectory("postfix-");
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        try {
            Path conf = Files.createDirectories(root.resolve("conf"));
            Files.createDirectories(root.resolve("queue"));
            Path data = Files.createDirectories(root.resolve("data"));
            Files.copy(keyPem, conf.resolve("key.pem"));
            Files.copy(chainPem, conf.resolve("chain.pem"));
            int port = EngineProcess.freePort();
            Files.writeString(conf.resolve("main.cf"), String.join("\n",
                    "compatibility_level = 3.6",
                    "queue_directory = " + root.resolve("queue"),
                    "data_directory = " + data,
                    "mail_owner = postfix",
                    "inet_interfaces = 127.0.0.1",
                    "inet_protocols = ipv4",
                    "myhostname = mx.test.example",
                    "mydomain = test.example",
                    "mydestination =",
                    "mynetworks = 127.0.0.0/8",
                    "smtpd_relay_restrictions = permit_mynetworks, reject",
                    "default_transport = discard:test",
                    "local_transport = discard:test",
                    "relay_transport = discard:test",
                    "alias_maps =",
                    "alias_database =",
                    "biff = no",
                    "maillog_file_prefixes = " + root,
                    "maillog_file = " + root.resolve("maillog"),
                    "smtpd_tls_chain_files = " + conf.resolve("key.pem") + ", " + conf.resolve("chain.pem"),
                    "smtpd_tls_security_level = may",
                    "smtpd_tls_loglevel = 1",
                    ""), StandardCharsets.US_ASCII);
            Files.writeString(conf.resolve("master.cf"), String.join("\n",
                    "127.0.0.1:" + port + " inet n - n - - smtpd",
                    "pickup    unix  n       -       n       60      1       pickup",
                    "cleanup   unix  n       -       n       -       0       cleanup",
                    "qmgr      unix  n       -       n       300     1       qmgr",
                    "tlsmgr    unix  -       -       n       1000?   1       tlsmgr",
                    "rewrite   unix  -       -       n       -       -       trivial-rewrite",
                    "bounce    unix  -       -       n       -       0       bounce",
                    "defer     unix  -       -       n       -       0       bounce",
                    "trace     unix  -       -       n       -       0       bounce",
                    "verify    unix  -       -       n       -       1       verify",
                    "flush     unix  n       -       n       1000?   0       flush",
                    "proxymap  unix  -       -       n       -       -       proxymap",
                    "anvil     unix  -       -       n       -       1       anvil",
                    "scache    unix  -       -       n       -       1       scache",
                    "discard   unix  -       -       n       -       -       discard",
                    "postlog   unix-dgram n  -       n       -       1       postlogd",
                    ""), StandardCharsets.US_ASCII);
            // "postfix check" creates the queue's subfolders with Postfix's owners and modes
            Process check = new ProcessBuilder(POSTFIX, "-c", conf.toString(), "check").redirectErrorStream(true)
                    .redirectOutput(root.resolve("check.log").toFile()).start();
            if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
                throw new IllegalStateException("postfix check failed: " + Files.readString(root.resolve("check.log"))
                        + " " + maillog(root));
            }
            new ProcessBuilder("chown", "postfix", data.toString()).start().waitFor(10, TimeUnit.SECONDS);
            PeerProcess master = PeerProcess.start("postfix-master", List.of(MASTER, "-c", conf.toString(), "-d"),
                    root, port, null);
            return new PrivatePostfix(root, master);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delete(root);
            throw new IOException("interrupted while starting Postfix", e);
        } catch (IOException | RuntimeException | Error e) {
            delete(root);
            throw e;
        }
    }

    /** The smtpd port. */
    public int port() {
        return master.port();
    }

    /** The maillog so far. */
    public String maillog() {
        return maillog(root);
    }

    private static String maillog(Path root) {
        try {
            Path log = root.resolve("maillog");
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            return "(maillog unreadable: " + e + ")";
        }
    }

    /** Stops the master by its PID (it stops its daemons) and deletes the folder. */
    @Override
    public void close() {
        master.close();
        delete(root);
    }

    private static void delete(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
