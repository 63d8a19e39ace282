package dev.pillarbox.smtp.plugins.examples.attachments;

import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.PluginSetting;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.util.List;

/** The {@code attachment-policy} plugin. Off unless configured. */
public final class AttachmentPolicyPlugin implements SmtpPlugin {

    /** Called by {@link java.util.ServiceLoader}. */
    public AttachmentPolicyPlugin() {
    }

    @Override
    public String name() {
        return "attachment-policy";
    }

    @Override
    public String description() {
        return "Refuse messages with banned attachment types (554 5.7.1); list the others in a header field";
    }

    @Override
    public List<PluginSetting> settings() {
        return List.of(
                PluginSetting.of("banned-extensions", "exe, com, scr, pif, bat, cmd, vbs, js, jse, wsf, msi, hta",
                        "file name extensions refused with 554 5.7.1"),
                PluginSetting.of("banned-types", "application/x-msdownload, application/x-dosexec",
                        "MIME types refused with 554 5.7.1"),
                PluginSetting.of("header", "X-Attachments",
                        "the header field listing the attachments of an accepted message"),
                PluginSetting.of("max-parts", "1000",
                        "MIME parts a message may have before it is refused as a parser bomb"));
    }

    @Override
    public Module module(PluginSettings settings) {
        return new AttachmentPolicyModule(AttachmentPolicySettings.from(settings));
    }
}
