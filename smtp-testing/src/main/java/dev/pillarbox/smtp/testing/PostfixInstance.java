package dev.pillarbox.smtp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A private Postfix (Debian's package) on loopback for interop tests: its own configuration, queue and data
 * directories in a temporary folder, an smtpd on a free port that relays everything from loopback to one relay
 * host, and a log file. Started with {@code postfix -c DIR start}, ready once its smtpd greets, stopped with
 * {@code postfix -c DIR stop} (which signals this instance's master process only) and waited for by its PID.
 */
public final class PostfixInstance implements AutoCloseable {

    private static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private final Path dir;
    private final int smtpdPort;
    private final long masterPid;

    private PostfixInstance(Path dir, int smtpdPort, long masterPid) {
        this.dir = dir;
        this.smtpdPort = smtpdPort;
        this.masterPid = masterPid;
    }

    /**
     * Starts an instance that relays all mail to {@code relayhost} (e.g. {@code [127.0.0.1]:2525}) with these
     * further {@code main.cf} settings.
     */
    public static PostfixInstance start(String relayhost, Map<String, String> settings)
            throws IOException, InterruptedException {
        // Postfix's daemons run as the postfix user: it must reach the folder, and own its data directory
        Path dir = Files.createTempDirectory("pillarbox-postfix", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Path etc = Files.createDirectory(dir.resolve("etc"));
        Files.createDirectory(dir.resolve("queue"));
        Path data = Files.createDirectory(dir.resolve("data"));
        UserPrincipal postfix = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postfix");
        Files.setOwner(data, postfix);
        int port = freePort();
        StringBuilder main = new StringBuilder(String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + dir.resolve("queue"),
                "data_directory = " + data,
                "inet_interfaces = 127.0.0.1",
                "inet_protocols = ipv4",
                "myhostname = postfix.test",
                "mydestination =",
                "mynetworks = 127.0.0.0/8",
                "smtpd_relay_restrictions = permit_mynetworks, reject",
                "relayhost = " + relayhost,
                "maillog_file = " + dir.resolve("maillog"),
                "maillog_file_prefixes = " + dir,
                ""));
        settings.forEach((key, value) -> main.append(key).append(" = ").append(value).append('\n'));
        Files.writeString(etc.resolve("main.cf"), main);
        Files.writeString(etc.resolve("master.cf"), String.join("\n",
                "127.0.0.1:" + port + " inet n - n - - smtpd",
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
                ""));
        ExternalCommand.Result started = ExternalCommand.run(DEADLINE, "",
                List.of(POSTFIX.toString(), "-c", etc.toString(), "start"));
        Path pidFile = dir.resolve("queue").resolve("pid").resolve("master.pid");
        if (started.exitCode() != 0 || !Files.exists(pidFile)) {
            String log = Files.exists(dir.resolve("maillog")) ? Files.readString(dir.resolve("maillog")) : "(no log)";
            delete(dir);
            throw new AssertionError("postfix did not start: " + started + "\n--- maillog\n" + log);
        }
        PostfixInstance instance = new PostfixInstance(dir, port,
                Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip()));
        instance.awaitGreeting();
        return instance;
    }

    /** The address of its smtpd, which relays mail from loopback. */
    public InetSocketAddress smtpd() {
        return new InetSocketAddress("127.0.0.1", smtpdPort);
    }

    /** Its log so far. */
    public String log() throws IOException {
        Path log = dir.resolve("maillog");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private void awaitGreeting() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            try (Socket socket = new Socket("127.0.0.1", smtpdPort)) {
                socket.setSoTimeout(10_000);
                InputStream in = socket.getInputStream();
                byte[] greeting = new byte[4];
                if (in.readNBytes(greeting, 0, 4) == 4 && new String(greeting, StandardCharsets.US_ASCII)
                        .equals("220 ")) {
                    return;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("postfix's smtpd did not greet within " + DEADLINE + ": " + e
                            + "\n--- maillog\n" + log(), e);
                }
            }
            Thread.sleep(100); // polling a port that is not open yet, not waiting on the server under test
        }
    }

    /** Stops this instance and waits until its master process has gone, then deletes its folder. */
    @Override
    public void close() throws IOException, InterruptedException {
        try {
            ExternalCommand.run(DEADLINE, "", List.of(POSTFIX.toString(), "-c", dir.resolve("etc").toString(),
                    "stop"));
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (running(masterPid)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("postfix master " + masterPid + " still runs " + DEADLINE
                            + " after postfix stop");
                }
                Thread.sleep(50);
            }
        } finally {
            delete(dir);
        }
    }

    /** Whether {@code pid} runs: a zombie (state Z, not yet reaped by its parent) has exited. */
    private static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false; // no such process
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
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
