package dev.pillarbox.smtp.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.net.SocketFactory;

/**
 * A private Postfix (Debian's package) on loopback for interop tests: its own configuration, queue and data
 * directories in a temporary folder, an smtpd on a free port that relays everything from loopback to one relay
 * host, and a log file. Its master runs in the foreground ({@code master -d}) as a child of the test, is ready once
 * its smtpd greets, and is stopped by its PID with its daemons. Needs root, as Postfix does.
 */
public final class PostfixInstance extends EngineProcess {

    private static final String POSTFIX = "/usr/sbin/postfix";
    private static final String MASTER = "/usr/lib/postfix/sbin/master";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Path dir;
    private final int smtpdPort;

    private PostfixInstance(Path dir, int smtpdPort) {
        this.dir = dir;
        this.smtpdPort = smtpdPort;
    }

    /**
     * Starts an instance that relays all mail to {@code relayhost} (e.g. {@code [127.0.0.1]:2525}) with these
     * further {@code main.cf} settings, which replace the instance's own where they name the same parameter (e.g.
     * {@code default_transport = discard:test} keeps every message on the box).
     *
     * @param relayhost Postfix's {@code relayhost}
     * @param settings further {@code main.cf} parameters and their values
     * @return the running instance, its smtpd ready
     * @throws IOException if its folder cannot be written or it cannot be started
     * @throws InterruptedException if interrupted while waiting for it
     */
    public static PostfixInstance start(String relayhost, Map<String, String> settings)
            throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("a private Postfix needs root (its daemons switch to the postfix user)");
        }
        // Postfix's daemons run as the postfix user: it must reach the folder, and own its data directory
        Path dir = Files.createTempDirectory("pillarbox-postfix", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        try {
            PostfixInstance instance = new PostfixInstance(dir, freePort());
            instance.configure(relayhost, settings);
            // "postfix check" creates the queue's subfolders with Postfix's owners and modes
            ExternalCommand.Result checked = ExternalCommand.run(DEADLINE, "",
                    List.of(POSTFIX, "-c", dir.resolve("etc").toString(), "check"));
            if (checked.exitCode() != 0) {
                throw new AssertionError("postfix check failed: " + checked + "\n--- maillog\n" + instance.log());
            }
            instance.launch(List.of(MASTER, "-c", dir.resolve("etc").toString(), "-d"), Map.of(),
                    dir.resolve("master.log"), DEADLINE);
            return instance;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            delete(dir);
            throw e;
        }
    }

    private void configure(String relayhost, Map<String, String> settings) throws IOException {
        Path etc = Files.createDirectory(dir.resolve("etc"));
        Files.createDirectory(dir.resolve("queue"));
        Path data = Files.createDirectory(dir.resolve("data"));
        UserPrincipal postfix = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix");
        Files.setOwner(data, postfix);
        Map<String, String> main = new LinkedHashMap<>();
        for (String line : List.of(
                "compatibility_level = 3.6",
                "queue_directory = " + dir.resolve("queue"),
                "data_directory = " + data,
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "myhostname = postfix.test",
                "mydestination = ",
                "mynetworks = 127.0.0.0/8",
                "smtpd_relay_restrictions = permit_mynetworks, reject",
                "relayhost = " + relayhost,
                "maillog_file = " + dir.resolve("maillog"),
                "maillog_file_prefixes = " + dir)) {
            int equals = line.indexOf(" = ");
            main.put(line.substring(0, equals), line.substring(equals + 3));
        }
        main.putAll(settings);
        StringBuilder text = new StringBuilder();
        main.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        Files.writeString(etc.resolve("main.cf"), text, StandardCharsets.US_ASCII);
        Files.writeString(etc.resolve("master.cf"), String.join("\n",
                "127.0.0.1:" + smtpdPort + " inet n - n - - smtpd",
                "pickup    unix  n - n 60    1 pickup",
                "cleanup   unix  n - n -     0 cleanup",
                "qmgr      unix  n - n 300   1 qmgr",
                "tlsmgr    unix  - - n 1000? 1 tlsmgr",
                "rewrite   unix  - - n -     - trivial-rewrite",
                "bounce    unix  - - n -     0 bounce",
                "defer     unix  - - n -     0 bounce",
                "trace     unix  - - n -     0 bounce",
                "verify    unix  - - n -     1 verify",
                "flush     unix  n - n 1000? 0 flush",
                "proxymap  unix  - - n -     - proxymap",
                "smtp      unix  - - n -     - smtp",
                "relay     unix  - - n -     - smtp",
                "showq     unix  n - n -     - showq",
                "error     unix  - - n -     - error",
                "retry     unix  - - n -     - error",
                "discard   unix  - - n -     - discard",
                "anvil     unix  - - n -     1 anvil",
                "scache    unix  - - n -     1 scache",
                "postlog   unix-dgram n - n - 1 postlogd",
                ""), StandardCharsets.US_ASCII);
    }

    @Override
    protected boolean ready() {
        return greets(smtpdPort, SocketFactory.getDefault());
    }

    /**
     * The address of its smtpd, which relays mail from loopback.
     *
     * @return 127.0.0.1 and the smtpd's port
     */
    public InetSocketAddress smtpd() {
        return new InetSocketAddress("127.0.0.1", smtpdPort);
    }

    /**
     * Its log so far: what the master printed, then the maillog.
     *
     * @return both, empty where nothing was written
     */
    @Override
    public String log() {
        Path maillog = dir.resolve("maillog");
        try {
            return super.log() + (Files.exists(maillog) ? Files.readString(maillog, StandardCharsets.ISO_8859_1) : "");
        } catch (IOException e) {
            return super.log() + "(maillog unreadable: " + e + ")";
        }
    }

    /** Stops the master and its daemons by their PIDs, then deletes the instance's folder. */
    @Override
    public void close() {
        try {
            super.close();
        } finally {
            try {
                delete(dir);
            } catch (IOException e) {
                // a leftover temporary folder is harmless; the processes are gone
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
