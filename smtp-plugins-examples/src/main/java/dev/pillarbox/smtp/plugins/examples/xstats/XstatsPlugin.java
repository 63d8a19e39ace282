package dev.pillarbox.smtp.plugins.examples.xstats;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.time.Clock;

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
    public Module module(PluginSettings settings) {
        return new XstatsModule(XstatsSettings.from(settings, Clock.systemUTC()));
    }
}
