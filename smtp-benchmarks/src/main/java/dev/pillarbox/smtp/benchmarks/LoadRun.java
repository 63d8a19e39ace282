package dev.pillarbox.smtp.benchmarks;

import dev.pillarbox.smtp.client.load.LoadGenerator;
import dev.pillarbox.smtp.client.load.LoadResult;
import dev.pillarbox.smtp.client.load.LoadSettings;
import dev.pillarbox.smtp.client.load.ProgressListener;
import dev.pillarbox.smtp.client.load.ThreadKind;
import java.time.Duration;
import java.util.Locale;

/**
 * Runs smtp-client's load generator once from the command line, for docs/performance.md's comparison with
 * {@code smtp-source}, and prints the result with the process's CPU time (user + system, from the JDK's process
 * information) for the measured run and for the whole process including JVM start-up.
 *
 * <pre>
 * java -cp smtp-benchmarks/target/benchmarks.jar dev.pillarbox.smtp.benchmarks.LoadRun HOST PORT SESSIONS MESSAGES
 *     SIZE [--no-reuse] [--no-pipelining] [--lmtp] [--platform-threads] [--warmup MESSAGES]
 * </pre>
 *
 * With {@code --warmup N}, N messages are sent first (same shape) and not measured. The exit status is 1 if any
 * message failed.
 */
public final class LoadRun {

    private LoadRun() {
    }

    /** Entry point; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: LoadRun HOST PORT SESSIONS MESSAGES SIZE [--no-reuse] [--no-pipelining]"
                    + " [--lmtp] [--platform-threads] [--warmup MESSAGES]");
            System.exit(2);
        }
        LoadSettings.Builder builder = LoadSettings.builder(args[0], Integer.parseInt(args[1]))
                .sessions(Integer.parseInt(args[2])).messages(Long.parseLong(args[3]))
                .messageSize(Integer.parseInt(args[4])).progressInterval(Duration.ofSeconds(10));
        long warmup = 0;
        for (int i = 5; i < args.length; i++) {
            switch (args[i]) {
                case "--no-reuse":
                    builder.reuseConnections(false);
                    break;
                case "--no-pipelining":
                    builder.pipelining(false);
                    break;
                case "--lmtp":
                    builder.lmtp(true);
                    break;
                case "--platform-threads":
                    builder.threads(ThreadKind.PLATFORM);
                    break;
                case "--warmup":
                    warmup = Long.parseLong(args[++i]);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        LoadSettings settings = builder.build();
        if (warmup > 0) {
            LoadGenerator.run(LoadSettings.builder(settings.host(), settings.port()).sessions(settings.sessions())
                    .messages(warmup).messageSize(settings.messageSize())
                    .reuseConnections(settings.reuseConnections()).pipelining(settings.pipelining())
                    .lmtp(settings.lmtp()).threads(settings.threads()).build(), ProgressListener.NONE);
        }
        Duration cpuBefore = cpu();
        LoadResult result = LoadGenerator.run(settings, ProgressListener.NONE);
        Duration cpuRun = cpu().minus(cpuBefore);
        Duration cpuTotal = cpu();
        System.out.print(result.summary());
        System.out.println("since process start: " + java.time.Duration.between(
                ProcessHandle.current().info().startInstant().orElseThrow(), java.time.Instant.now()).toMillis() + " ms");
        System.out.printf(Locale.ROOT, "cpu_run_s=%.3f cpu_total_s=%.3f cpu_us_per_msg=%.1f msgs_per_s=%.0f%n",
                cpuRun.toNanos() / 1e9, cpuTotal.toNanos() / 1e9, cpuRun.toNanos() / 1e3 / result.messages(),
                result.messagesPerSecond());
        if (result.failed() > 0) {
            System.exit(1);
        }
    }

    private static Duration cpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }
}
