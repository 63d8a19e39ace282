package dev.pillarbox.smtp.plugins.examples.xstats;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.time.Clock;
import java.util.List;

/** The {@code xstats} plugin: {@code XSTATS} answers server statistics. Off unless configured. */
public final class XstatsPlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public XstatsPlugin() {
    }

    @Override
    public String name() {
        return "xstats";
    }

    @Override
    public String description() {
        return "XSTATS verb: sessions, messages and uptime of this server";
    }

    @Override
    public List<PluginSetting> settings() {
        return List.of(
                PluginSetting.of("advertise", "true", "offer XSTATS in the EHLO reply"),
                PluginSetting.of("require-auth", "false", "530 5.7.0 before a successful AUTH"));
    }

    @Override
    public Module module(PluginSettings settings) {
        return new XstatsModule(XstatsSettings.from(settings, Clock.systemUTC()));
    }
}
