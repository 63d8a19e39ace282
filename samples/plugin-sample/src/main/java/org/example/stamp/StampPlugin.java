package org.example.stamp;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.util.List;

/** The {@code stamp} plugin: adds {@code X-Stamp: <value>} to every message. */
public final class StampPlugin implements SmtpPlugin {

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
                SmtpBinder.hook(binder(), MessageHook.class).toInstance(new StampHook(value));
            }
        };
    }
}
