package dev.pillarbox.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps the repository's benchmark scripts from rotting: runs {@code bench/compare.sh}, the interleaved matrix, in a
 * tiny configuration (one rep of W1 with 200 messages over 2 sessions, no warm-up; seconds) against Postfix's
 * smtp-sink and Pillarbox (this build's classes, on a free port) under both load generators, smtp-source and
 * {@code pillarbox load}, and checks that every cell of the report has a rate. Needs what the scripts need: Debian's
 * postfix, time, iproute2 and python3 (bin/test-packages).
 */
class BenchScriptsSmokeTest {

    private static final Path BENCH = Path.of("..", "bench").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void theMatrixRunsAgainstSmtpSinkAndPillarboxWithBothLoadGenerators() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        String main = "'" + java + "' -cp '" + classPath + "' " + Main.class.getName();
        Path pillarbox = Files.writeString(dir.resolve("pillarbox"), "#!/bin/sh\n# this build's classes\n"
                + "exec " + main + " \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(pillarbox, PosixFilePermissions.fromString("rwx------"));
        Path results = dir.resolve("results.md");
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/bash", BENCH.resolve("compare.sh").toString(),
                "--peers", "smtp-sink",
                "--server", "pillarbox", "0", main + " serve --listen 127.0.0.1:{port} --store discard"
                        + " --log-level warn",
                "--generators", "smtp-source pillarbox", "--reps", "1", "--workloads", "W1", "--no-warmup",
                "--out", results.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("compare.log").toFile());
        builder.environment().putAll(Map.of("MSGS", "200", "SESSIONS", "2", "TIMEOUT", "60",
                "PILLARBOX", pillarbox.toString(), "RAW_BASE", dir.resolve("raw").toString(),
                "LOAD_JAVA_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"));
        Process process = builder.start();
        boolean ended = process.waitFor(240, TimeUnit.SECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String log = log();
        assertThat(ended).as("compare.sh ended within 240 s: %s", log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        assertThat(log).contains("W1 rep1 smtp-sink smtp-source: msgs_per_s=", "W1 rep1 smtp-sink pillarbox: msgs_per_s=",
                "W1 rep1 pillarbox smtp-source: msgs_per_s=", "W1 rep1 pillarbox pillarbox: msgs_per_s=");
        String report = Files.readString(results, StandardCharsets.UTF_8);
        String rates = report.lines().filter(l -> l.startsWith("| W1 msgs/s")).findFirst().orElseThrow();
        assertThat(rates).as(report).matches("\\| W1 msgs/s \\(20 sess, 1 KiB, reuse\\) \\| [0-9]+ \\| [0-9]+ \\|"
                + " [0-9]+ \\| [0-9]+ \\|");
        assertThat(report).contains("| metric | smtp-sink (smtp-source) | smtp-sink (pillarbox) |"
                + " pillarbox (smtp-source) | pillarbox (pillarbox) |");
    }

    /**
     * {@code bin/forward-bench} in a tiny configuration (one rep, 200 messages over 2 sessions, 5 latency messages, 100 of warm-up):
     * this build's server as the forwarding gateway and a private Postfix relay, both to smtp-sink next hops. Needs
     * root, as the script does, for the Postfix instance.
     */
    @Test
    void theForwardingBenchRunsThroughPillarboxAndPostfix() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String server = "'" + java + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp '"
                + System.getProperty("java.class.path") + "' " + Main.class.getName() + " serve";
        Path script = BENCH.resolveSibling("bin").resolve("forward-bench");
        Path output = dir.resolve("forward-bench.log");
        ProcessBuilder builder = new ProcessBuilder(List.of("/bin/bash", script.toString(), "1", "200", "2", "5"))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().putAll(Map.of("FORWARD_BENCH_SERVER", server, "WARMUP", "100"));
        Process process = builder.start();
        boolean ended = process.waitFor(240, TimeUnit.SECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String log = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "(no output)";
        assertThat(ended).as("forward-bench ended within 240 s: %s", log).isTrue();
        assertThat(process.exitValue()).as(log).isZero();
        for (String relay : List.of("pillarbox", "postfix")) {
            assertThat(log).as(log).containsPattern("(?m)^" + relay + " +[0-9]+ msgs/s accepted +[0-9]+ msgs/s through")
                    .containsPattern("(?m)^" + relay + " +latency +n=5 to-250 median=[0-9.]+ms .* to-next-hop median=[0-9.]+ms");
        }
    }

    private String log() throws IOException {
        Path log = dir.resolve("compare.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no output)";
    }
}
