package dev.pillarbox.server.reliability;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import dev.pillarbox.smtp.plugins.api.HookResult;
import dev.pillarbox.smtp.plugins.api.Message;
import dev.pillarbox.smtp.plugins.api.MessageHook;
import dev.pillarbox.smtp.plugins.api.PluginSettings;
import dev.pillarbox.smtp.plugins.api.SessionView;
import dev.pillarbox.smtp.plugins.api.SmtpBinder;
import dev.pillarbox.smtp.plugins.api.SmtpPlugin;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A test plugin for {@link MessageChangeMemoryTest}, found on the test class path (not enabled unless named): its
 * message hook adds {@code X-Rewritten: yes} and replaces the body with as many octets of generated lines as the
 * message had, streamed, never in memory.
 */
public final class RewritePlugin implements SmtpPlugin {

    /** The plugin's name. */
    public static final String NAME = "test-rewrite";
    /** The line the replacement body repeats. */
    static final byte[] LINE = "replaced line of the body, 40 octets..\r\n".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Test only: adds a header field and replaces the body with generated lines";
    }

    @Override
    public Module module(PluginSettings settings) {
        return new AbstractModule() {
            @Override
            protected void configure() {
                SmtpBinder.hook(binder(), MessageHook.class).to(Rewrite.class);
            }
        };
    }

    /** The hook. */
    static final class Rewrite implements MessageHook {
        @Override
        public HookResult onMessage(SessionView session, Message message) throws IOException {
            message.addHeader("X-Rewritten", "yes");
            long lines = message.size() / LINE.length;
            message.replaceBody(new Lines(lines));
            return HookResult.next();
        }
    }

    /** {@code count} copies of {@link #LINE}, generated as they are read. */
    static final class Lines extends InputStream {
        private long remaining;
        private int position;

        Lines(long count) {
            this.remaining = count * LINE.length;
        }

        @Override
        public int read() {
            if (remaining == 0) {
                return -1;
            }
            remaining--;
            byte b = LINE[position];
            position = (position + 1) % LINE.length;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (remaining == 0) {
                return -1;
            }
            int n = (int) Math.min(len, remaining);
            for (int i = 0; i < n; i++) {
                b[off + i] = LINE[position];
                position = (position + 1) % LINE.length;
            }
            remaining -= n;
            return n;
        }
    }
}
