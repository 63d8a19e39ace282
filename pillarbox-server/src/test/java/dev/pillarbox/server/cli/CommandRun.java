package dev.pillarbox.server.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One run of the command line in process: what it printed and its exit status. The server never waits (a serve
 * that gets this far fails the test); standard input and "is the console a terminal" are given.
 */
record CommandRun(int status, String out, String err) {

    static CommandRun run(String... args) {
        return run(new byte[0], false, args);
    }

    static CommandRun run(byte[] stdin, boolean terminal, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main(new ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), server -> {
                    throw new AssertionError("a server started");
                }, () -> terminal).execute(args);
        return new CommandRun(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "exit " + status + "\n--- out\n" + out + "--- err\n" + err;
    }
}
