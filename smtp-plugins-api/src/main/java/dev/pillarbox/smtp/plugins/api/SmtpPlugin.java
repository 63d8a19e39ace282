package dev.pillarbox.smtp.plugins.api;

import com.google.inject.Module;
import java.util.List;

/**
 * A plugin found on the class path with {@link java.util.ServiceLoader}: list the implementation in
 * {@code META-INF/services/dev.pillarbox.smtp.plugins.api.SmtpPlugin}. The server enables it by
 * {@link #name()} in its configuration (or by default when {@link #enabledByDefault()}, or because a listener's
 * protocol needs it, {@link #requiredFor}), and installs the module it returns. Creating the module must only
 * bind: no sockets, files or threads.
 */
public interface SmtpPlugin {

    /** The name used in configuration, lower-case with dashes, e.g. {@code "greylist"}. */
    String name();

    /** One line saying what the plugin does, shown by the reference server's {@code plugins} command. */
    String description();

    /**
     * The settings the plugin reads, with their defaults, shown by the reference server's {@code plugins} command
     * ({@code java -jar pillarbox-server.jar plugins}). Empty by default: a plugin without settings.
     */
    default List<PluginSetting> settings() {
        return List.of();
    }

    /** The module to install, configured from this plugin's settings. */
    Module module(PluginSettings settings);

    /** Whether the plugin is on when the configuration does not mention it; default false. */
    default boolean enabledByDefault() {
        return false;
    }

    /**
     * Whether a listener speaking {@code protocol} cannot work without this plugin (LMTP needs LHLO): the server then
     * enables it for a configuration with such a listener, and refuses to start if the configuration disables it.
     * Default false.
     */
    default boolean requiredFor(Protocol protocol) {
        return false;
    }
}
