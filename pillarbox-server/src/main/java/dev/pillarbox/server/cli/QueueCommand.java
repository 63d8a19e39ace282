package dev.pillarbox.server.cli;

import dev.pillarbox.forward.QueueAdmin;
import dev.pillarbox.forward.QueuedMessage;
import dev.pillarbox.server.config.ConfigException;
import dev.pillarbox.server.config.ConfigLoader;
import dev.pillarbox.server.config.ReferenceConfig;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code queue list|show ID|flush|delete ID|hold ID|release ID}: the forwarding gateway's queue, found with
 * {@code --spool DIR} or the {@code plugins.forward.spool} of {@code --config FILE}. It works on the spool's files,
 * so the same on a running server (which reads the queue again within a second) and on a stopped one.
 */
@Command(name = "queue", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"Show and change the forwarding gateway's queue (plugins.forward), running or stopped.", "",
                "  list         every queued message with its recipients and their state",
                "  show ID      one message, with its envelope and content file",
                "  flush        try every pending recipient now",
                "  delete ID    remove a message (no notification is sent)",
                "  hold ID      keep a message from being delivered until released",
                "  release ID   deliver a held message again"},
        footer = {"", "Exit status: 0 done, 1 no such message or no queue, 2 usage or configuration error."})
final class QueueCommand implements Callable<Integer> {

    private final Map<String, String> env;

    @Spec
    private CommandSpec spec;

    @Option(names = "--spool", paramLabel = "DIR", description = "The queue directory (plugins.forward.spool).")
    private Path spool;

    @Option(names = "--config", paramLabel = "FILE", description = "Read plugins.forward.spool from this file.")
    private Path config;

    @Parameters(index = "0", paramLabel = "ACTION", description = "list, show, flush, delete, hold or release.")
    private String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "The queue id, as list shows it.")
    private String id;

    QueueCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean needsId = List.of("show", "delete", "hold", "release").contains(action);
        if (!needsId && !List.of("list", "flush").contains(action)) {
            err.println("pillarbox-server queue: unknown action '" + action
                    + "' (use list, show, flush, delete, hold or release)");
            return Main.USAGE_ERROR;
        }
        if (needsId != (id != null)) {
            err.println("pillarbox-server queue " + action + ": " + (needsId ? "needs a queue id (see queue list)"
                    : "takes no queue id"));
            return Main.USAGE_ERROR;
        }
        QueueAdmin queue;
        try {
            queue = QueueAdmin.open(spoolDirectory());
        } catch (ConfigException | IllegalArgumentException e) {
            err.println("pillarbox-server queue: " + e.getMessage());
            return Main.USAGE_ERROR;
        } catch (IOException e) {
            err.println("pillarbox-server queue: " + e.getMessage());
            return Main.FAILURE;
        }
        try {
            switch (action) {
                case "list" -> out.print(queue.listing());
                case "flush" -> {
                    queue.flush();
                    out.println("flush requested: a running gateway tries every pending recipient within a second"
                            + " (a stopped one when it starts)");
                }
                case "show" -> {
                    Optional<QueuedMessage> m = queue.show(id);
                    if (m.isEmpty()) {
                        return missing(err);
                    }
                    out.print(queue.describe(m.get()));
                }
                case "delete" -> {
                    if (!queue.delete(id)) {
                        return missing(err);
                    }
                    out.println(id + ": deleted");
                }
                default -> {
                    boolean hold = action.equals("hold");
                    if (!queue.hold(id, hold)) {
                        return missing(err);
                    }
                    out.println(id + ": " + (hold ? "held" : "released"));
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("pillarbox-server queue " + action + ": " + e.getMessage());
            return Main.USAGE_ERROR;
        } catch (IOException e) {
            err.println("pillarbox-server queue " + action + ": " + e);
            return Main.FAILURE;
        }
        out.flush();
        return 0;
    }

    private int missing(PrintWriter err) {
        err.println("pillarbox-server queue " + action + ": " + id + " is not in the queue");
        return Main.FAILURE;
    }

    private Path spoolDirectory() throws ConfigException {
        if (spool != null && config != null) {
            throw new IllegalArgumentException("--spool and --config exclude each other");
        }
        if (spool != null) {
            return spool;
        }
        if (config == null) {
            throw new IllegalArgumentException("say where the queue is: --spool DIR or --config FILE");
        }
        ReferenceConfig effective = ConfigLoader.load(Optional.of(config), env, List.of(), "localhost");
        PluginSettings forward = effective.server().plugins().get("forward");
        if (forward == null) {
            throw new IllegalArgumentException(config + " has no plugins.forward section");
        }
        return Path.of(forward.string("spool", "queue"));
    }
}
