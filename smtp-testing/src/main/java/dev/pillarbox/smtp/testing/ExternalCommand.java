package dev.pillarbox.smtp.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real client program (Python's smtplib, Postfix's smtp-source...) to completion within a deadline and
 * returns what it printed. A program that outlives the deadline is killed and fails the test with its output so
 * far. A missing program fails the test too: the suite installs every one it needs ({@code bin/test-packages}).
 */
public final class ExternalCommand {

    /** What the program did: its exit code and everything it wrote to standard output and standard error. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private ExternalCommand() {
    }

    /** Runs {@code command} with {@code stdin} as its standard input, killing it after {@code deadline}. */
    public static Result run(Duration deadline, String stdin, List<String> command)
            throws IOException, InterruptedException {
        EngineProcess.requireInstalled(Path.of(command.get(0)));
        Path out = Files.createTempFile("pillarbox-out", ".txt");
        Path err = Files.createTempFile("pillarbox-err", ".txt");
        Path in = Files.writeString(Files.createTempFile("pillarbox-in", ".txt"), stdin, StandardCharsets.UTF_8);
        try {
            Process process = new ProcessBuilder(command).redirectInput(in.toFile()).redirectOutput(out.toFile())
                    .redirectError(err.toFile()).start();
            boolean ended = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            Result result = new Result(ended ? process.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
            if (!ended) {
                throw new AssertionError(command.get(0) + " still ran after " + deadline + ": " + result);
            }
            return result;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            Files.deleteIfExists(in);
        }
    }
}
