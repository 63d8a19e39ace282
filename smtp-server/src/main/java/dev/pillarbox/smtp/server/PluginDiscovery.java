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
 * in {@link ServerSettings#plugins()} is enabled with its settings, one that a listener's protocol needs
 * ({@link SmtpPlugin#requiredFor}, e.g. {@code lmtp} for an LMTP listener) is enabled whatever the defaults say, one
 * named in {@link ServerSettings#disabledPlugins()} is off, any other follows {@link SmtpPlugin#enabledByDefault()}.
 * A name in the configuration that no plugin has, and a disabled plugin that a listener needs, are start-up errors
 * that say what to change.
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
     * @throws IllegalArgumentException if the settings name a plugin that is not available, or disable one that a
     *     listener needs
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
            if (enabled(plugin, settings)) {
                PluginSettings configured = settings.plugins().get(plugin.name());
                modules.add(plugin.module(configured != null ? configured : PluginSettings.empty(plugin.name())));
            }
        }
        return modules;
    }

    /** The names of the plugins {@link #enabledModules} would enable. */
    public static List<String> enabledNames(ServerSettings settings, Map<String, SmtpPlugin> available) {
        List<String> names = new ArrayList<>();
        for (SmtpPlugin plugin : available.values()) {
            if (enabled(plugin, settings)) {
                names.add(plugin.name());
            }
        }
        return names;
    }

    /**
     * Whether {@code plugin} is on.
     *
     * @throws IllegalArgumentException if a listener needs the plugin and the settings disable it
     */
    private static boolean enabled(SmtpPlugin plugin, ServerSettings settings) {
        boolean disabled = settings.disabledPlugins().contains(plugin.name());
        for (ListenerSettings listener : settings.listeners()) {
            if (plugin.requiredFor(listener.protocol())) {
                if (disabled) {
                    throw new IllegalArgumentException("listener " + listener.name() + " speaks "
                            + listener.protocol() + ", which needs the " + plugin.name() + " plugin, but the"
                            + " configuration disables it: remove " + plugin.name() + " from plugins.disabled");
                }
                return true;
            }
        }
        return settings.plugins().containsKey(plugin.name()) || (plugin.enabledByDefault() && !disabled);
    }
}
