package dev.pillarbox.smtp.server;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds {@link SmtpPlugin}s on the class path with {@link ServiceLoader} and decides which are on: a plugin named
 * in {@link ServerSettings#plugins()} is enabled with its settings, one named in
 * {@link ServerSettings#disabledPlugins()} is off, any other follows {@link SmtpPlugin#enabledByDefault()}. A
 * name in the configuration that no plugin has is a start-up error that lists the available names.
 */
public final class PluginDiscovery {

    private PluginDiscovery() {
    }

    /** The plugins on {@code loader}'s class path, by name. */
    public static Map<String, SmtpPlugin> available(ClassLoader loader) {
        Map<String, SmtpPlugin> plugins = new TreeMap<>();
        for (SmtpPlugin plugin : ServiceLoader.load(SmtpPlugin.class, loader)) {
            SmtpPlugin other = plugins.putIfAbsent(plugin.name(), plugin);
            if (other != null && other.getClass() != plugin.getClass()) {
                throw new IllegalStateException("two plugins are named " + plugin.name() + ": "
                        + other.getClass().getName() + " and " + plugin.getClass().getName());
            }
        }
        return plugins;
    }

    /**
     * The modules of the enabled plugins among {@code available}, in name order.
     *
     * @throws IllegalArgumentException if the settings name a plugin that is not available
     */
    public static List<Module> enabledModules(ServerSettings settings, Map<String, SmtpPlugin> available) {
        Set<String> unknown = new TreeSet<>(settings.plugins().keySet());
        unknown.addAll(settings.disabledPlugins());
        unknown.removeAll(available.keySet());
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown plugin" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + " in the configuration (available: "
                    + (available.isEmpty() ? "none" : String.join(", ", available.keySet())) + ")");
        }
        List<Module> modules = new ArrayList<>();
        for (SmtpPlugin plugin : available.values()) {
            PluginSettings configured = settings.plugins().get(plugin.name());
            boolean enabled = configured != null
                    || (plugin.enabledByDefault() && !settings.disabledPlugins().contains(plugin.name()));
            if (enabled) {
                modules.add(plugin.module(configured != null ? configured : PluginSettings.empty(plugin.name())));
            }
        }
        return modules;
    }

    /** The names of the plugins {@link #enabledModules} would enable. */
    public static List<String> enabledNames(ServerSettings settings, Map<String, SmtpPlugin> available) {
        List<String> names = new ArrayList<>();
        for (SmtpPlugin plugin : available.values()) {
            if (settings.plugins().containsKey(plugin.name())
                    || (plugin.enabledByDefault() && !settings.disabledPlugins().contains(plugin.name()))) {
                names.add(plugin.name());
            }
        }
        return names;
    }
}
