package dev.pillarbox.server.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Injector;
import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import dev.pillarbox.smtp.plugins.spi.ExtensionPoints;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscardStoreTest {

    @Test
    void commitCountsAndKeepsNothing() throws Exception {
        DiscardStore store = new DiscardStore();
        MessageWriter writer = store.open(null, Envelope.empty());
        ByteBuffer body = ByteBuffer.wrap(new byte[1234]);
        writer.write(body);
        assertThat(body.hasRemaining()).as("the buffer is consumed").isFalse();
        assertThat(writer.size()).isEqualTo(1234);
        assertThat(writer.commit()).isEqualTo("discarded-1");
        assertThat(store.messages()).isEqualTo(1);
        assertThat(store.octets()).isEqualTo(1234);
    }

    @Test
    void messageHooksSeeAnEmptyMessage() throws Exception {
        MessageWriter writer = new DiscardStore().open(null, Envelope.empty());
        writer.write(ByteBuffer.wrap(new byte[] {'x'}));
        try (InputStream in = writer.openContent()) {
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void abortedMessagesAreNotCounted() throws Exception {
        DiscardStore store = new DiscardStore();
        MessageWriter writer = store.open(null, Envelope.empty());
        writer.write(ByteBuffer.wrap(new byte[10]));
        writer.abort();
        assertThat(store.messages()).isZero();
        assertThat(store.octets()).isZero();
    }

    @Test
    void modulesProvideTheirTargetsByName(@TempDir Path dir) throws Exception {
        Injector discard = Guice.createInjector(new DiscardStoreModule());
        assertThat(ExtensionPoints.deliveryTargets(discard).get(DiscardStoreModule.TARGET))
                .isInstanceOf(TransactionLog.class)
                .extracting(s -> ((TransactionLog) s).store()).isSameAs(discard.getInstance(DiscardStore.class));
        MaildirStore maildir = MaildirStore.open(dir, "h");
        assertThat(ExtensionPoints.deliveryTargets(Guice.createInjector(new MaildirStoreModule(maildir)))
                .get(MaildirStoreModule.TARGET))
                .isInstanceOf(TransactionLog.class).extracting(s -> ((TransactionLog) s).store()).isSameAs(maildir);
        assertThat(maildir.ready()).isTrue();
    }
}
