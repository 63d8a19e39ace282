package org.example.mail.stamp;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.name.Names;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.util.List;

/** The {@code stamp} plugin: adds {@code X-Stamp: <value> <n>} to the n-th message of each session. */
public final class StampPlugin implements SmtpPlugin {

    /** The name under which the module binds the configured value. */
    static final String VALUE = "stamp.value";

    /** Called by {@link java.util.ServiceLoader}. */
    public StampPlugin() {
    }

    @Override
    public String name() {
        return "stamp";
    }

    @Override
    public String description() {
        return "Add an X-Stamp header field to every message";
    }

    @Override
    public List<PluginSetting> settings() {
        return List.of(PluginSetting.of("value", "stamped", "the value of the X-Stamp field"));
    }

    @Override
    public Module module(PluginSettings settings) {
        String value = settings.string("value", "stamped");
        return new AbstractModule() {
            @Override
            protected void configure() {
                bindConstant().annotatedWith(Names.named(VALUE)).to(value);
                // Guice constructs the hook (module-info.java opens the package to it)
                SmtpBinder.hook(binder(), MessageHook.class).to(StampHook.class);
            }
        };
    }
}
