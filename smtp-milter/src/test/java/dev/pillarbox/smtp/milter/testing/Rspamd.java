package dev.pillarbox.smtp.milter.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.pillarbox.smtp.milter.ConnectInfo;
import dev.pillarbox.smtp.milter.FilterConfig;
import dev.pillarbox.smtp.milter.MacroLookup;
import dev.pillarbox.smtp.milter.MilterClient;
import dev.pillarbox.smtp.milter.MilterSession;
import dev.pillarbox.smtp.milter.MilterSocket;

/**
 * A private rspamd (Debian's rspamd 3.4) whose only worker is the proxy in milter mode with self-scan, on a free
 * loopback port, its configuration, data and log in a folder of the test. It runs its workers as {@code _rspamd}
 * (it refuses root), so the folder it writes to belongs to that user. DNS goes to a {@link DnsStub} that answers
 * NXDOMAIN at once, instead of a resolver that never answers; network modules (rbl, fuzzy_check, asn, phishing)
 * are off. milter_headers adds its headers also for local clients.
 */
public final class Rspamd implements AutoCloseable {

    public static final String RSPAMD = "/usr/bin/rspamd";

    private final ExternalProcess process;
    private final MilterSocket socket;
    private final Path dir;
    private final DnsStub dns;

    private Rspamd(ExternalProcess process, MilterSocket socket, Path dir, DnsStub dns) {
        this.process = process;
        this.socket = socket;
        this.dir = dir;
        this.dns = dns;
    }

    /** Starts rspamd in {@code dir} and waits (up to 90 s: the first start compiles a pattern cache) until it
     * answers a milter negotiation. */
    public static Rspamd start(Path dir, MilterClient client) throws Exception {
        // rspamd's workers run as _rspamd and must reach their folders
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = ExternalProcess.freePort();
        DnsStub dns = new DnsStub();
        Path local = Files.createDirectories(dir.resolve("local.d"));
        Files.writeString(dir.resolve("rspamd.conf"), String.join("\n",
                ".include \"$CONFDIR/common.conf\"",
                "options {",
                "    pidfile = \"$RUNDIR/rspamd.pid\";",
                "    .include \"$CONFDIR/options.inc\"",
                "    .include(try=true; priority=1,duplicate=merge) \"$LOCAL_CONFDIR/local.d/options.inc\"",
                "}",
                "logging {",
                "    type = \"file\";",
                "    filename = \"$LOGDIR/rspamd.log\";",
                "    level = \"info\";",
                "}",
                "worker \"rspamd_proxy\" {",
                "    bind_socket = \"127.0.0.1:" + port + "\";",
                "    milter = yes;",
                // self-scan is a property of the upstream: without it the proxy looks for a normal worker
                "    upstream \"local\" {",
                "        default = yes;",
                "        self_scan = yes;",
                "    }",
                "    timeout = 120s;",
                "    count = 1;",
                "}", ""));
        Files.writeString(local.resolve("options.inc"), String.join("\n",
                "dns {",
                "    nameserver = [\"127.0.0.1:" + dns.port() + "\"];",
                "    timeout = 0.2s;",
                "    retransmits = 1;",
                "}", ""));
        Files.writeString(local.resolve("milter_headers.conf"), String.join("\n",
                "use = [\"authentication-results\", \"x-spamd-result\", \"x-rspamd-action\", \"x-spam-status\"];",
                "skip_local = false;",
                "skip_authenticated = false;", ""));
        for (String module : List.of("rbl", "fuzzy_check", "asn", "phishing")) {
            Files.writeString(local.resolve(module + ".conf"), "enabled = false;\n");
        }
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = users.lookupPrincipalByName("_rspamd");
        GroupPrincipal group = users.lookupPrincipalByGroupName("_rspamd");
        for (String sub : List.of("run", "db", "log")) {
            Path p = Files.createDirectories(dir.resolve(sub));
            PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
            view.setOwner(user);
            view.setGroup(group);
        }
        MilterSocket socket = MilterSocket.inet("127.0.0.1", port);
        try {
            ExternalProcess p = ExternalProcess.start("rspamd", dir, List.of(RSPAMD, "-f", "-u", "_rspamd", "-g",
                    "_rspamd", "-c", dir.resolve("rspamd.conf").toString(),
                    "--var=LOCAL_CONFDIR=" + dir, "--var=RUNDIR=" + dir.resolve("run"),
                    "--var=DBDIR=" + dir.resolve("db"), "--var=LOGDIR=" + dir.resolve("log")), Map.of(),
                    Duration.ofSeconds(90),
                    () -> ExternalProcess.accepts(socket, "127.0.0.1", port, null) && negotiates(client, socket));
            return new Rspamd(p, socket, dir, dns);
        } catch (RuntimeException | IOException | AssertionError e) {
            dns.close();
            Path log = dir.resolve("log").resolve("rspamd.log");
            throw new IllegalStateException(e.getMessage() + "\nrspamd.log:\n"
                    + (Files.exists(log) ? Files.readString(log) : "(none)"), e);
        }
    }

    /** True when a milter negotiation with rspamd succeeds: the readiness check by a real handshake. */
    private static boolean negotiates(MilterClient client, MilterSocket socket) {
        FilterConfig config = FilterConfig.builder(socket).connectTimeout(Duration.ofSeconds(2))
                .commandTimeout(Duration.ofSeconds(5)).build();
        try (MilterSession s = client.open(config, MacroLookup.none())) {
            s.connect(ConnectInfo.unknown("probe"));
            return s.negotiation().isPresent();
        }
    }

    public MilterSocket socket() {
        return socket;
    }

    /** rspamd's own log. */
    public String log() throws IOException {
        Path log = dir.resolve("log").resolve("rspamd.log");
        return Files.exists(log) ? Files.readString(log) : process.log();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.close();
        } finally {
            dns.close();
        }
    }
}
