package dev.pillarbox.example.modulepath;

import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.MessageStore;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import dev.pillarbox.smtp.plugins.api.SessionView;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Keeps committed messages in memory. */
final class MemoryStore implements MessageStore {

    private final List<byte[]> messages = new ArrayList<>();

    synchronized List<byte[]> messages() {
        return List.copyOf(messages);
    }

    @Override
    public MessageWriter open(SessionView session, Envelope envelope) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        return new MessageWriter() {
            @Override
            public void write(ByteBuffer bytes) {
                while (bytes.hasRemaining()) {
                    content.write(bytes.get());
                }
            }

            @Override
            public long size() {
                return content.size();
            }

            @Override
            public InputStream openContent() {
                return new ByteArrayInputStream(content.toByteArray());
            }

            @Override
            public String commit() {
                synchronized (MemoryStore.this) {
                    messages.add(content.toByteArray());
                    return "m" + messages.size();
                }
            }

            @Override
            public void abort() {
                content.reset();
            }
        };
    }
}
