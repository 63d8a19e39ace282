package dev.pillarbox.server.cli;

import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.Protocol;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import dev.pillarbox.smtp.server.PluginDiscovery;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code plugins}: every plugin on the class path (the server's own extensions, the jars next to it), with its
 * description ({@link SmtpPlugin#description()}), whether it is on without configuration, and the settings it reads
 * ({@link SmtpPlugin#settings()}) with their defaults, as {@code plugins.<name>.<key>} in the configuration.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"List the plugins on the class path with their descriptions and settings.", "",
                "Enable one with 'plugins.enabled: [name]' or settings under 'plugins.<name>'."})
final class PluginsCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(describe(PluginDiscovery.available(PluginsCommand.class.getClassLoader())));
        out.flush();
        return 0;
    }

    /** The listing of {@code plugins}, sorted by name. */
    static String describe(Map<String, SmtpPlugin> plugins) {
        StringBuilder out = new StringBuilder();
        for (SmtpPlugin plugin : plugins.values()) {
            out.append(plugin.name()).append(" - ").append(plugin.description());
            List<String> notes = new ArrayList<>();
            if (plugin.enabledByDefault()) {
                notes.add("on by default");
            }
            for (Protocol protocol : Protocol.values()) {
                if (plugin.requiredFor(protocol)) {
                    notes.add("required by " + protocol + " listeners");
                }
            }
            if (!notes.isEmpty()) {
                out.append(" (").append(String.join(", ", notes)).append(')');
            }
            out.append('\n');
            List<PluginSetting> settings = plugin.settings();
            if (settings.isEmpty()) {
                out.append("    (no settings)\n");
            }
            for (PluginSetting setting : settings) {
                out.append("    plugins.").append(plugin.name()).append('.').append(setting.key()).append(" = ")
                        .append(setting.defaultValue()).append("\n        ").append(setting.description())
                        .append('\n');
            }
        }
        return out.toString();
    }
}
