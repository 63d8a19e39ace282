package dev.pillarbox.server.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pillarbox.smtp.plugins.api.Envelope;
import dev.pillarbox.smtp.plugins.api.MessageWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MaildirStoreTest {

    @TempDir
    Path dir;

    private static final byte[] MESSAGE = "Received: from x\r\nSubject: hi\r\n\r\nHello\r\n".getBytes(StandardCharsets.US_ASCII);

    /** The store does not look at the session or envelope; the server passes real ones. */
    private static MessageWriter open(MaildirStore store) throws IOException {
        return store.open(null, Envelope.empty());
    }

    private static List<Path> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().toList();
        }
    }

    @Test
    void openCreatesCurNewAndTmp() throws IOException {
        Path root = dir.resolve("a/b/mail");
        MaildirStore store = MaildirStore.open(root, "mx.test");
        assertThat(store.root()).isEqualTo(root.toAbsolutePath());
        assertThat(root.resolve("cur")).isDirectory();
        assertThat(root.resolve("new")).isDirectory();
        assertThat(root.resolve("tmp")).isDirectory();
    }

    @Test
    void commitPutsTheExactBytesIntoNewAndLeavesTmpEmpty() throws IOException {
        MaildirStore store = MaildirStore.open(dir, "mx.test");
        MessageWriter writer = open(store);
        writer.write(ByteBuffer.wrap(MESSAGE, 0, 10));
        writer.write(ByteBuffer.wrap(MESSAGE, 10, MESSAGE.length - 10));
        assertThat(writer.size()).isEqualTo(MESSAGE.length);
        assertThat(list(dir.resolve("new"))).isEmpty();

        String id = writer.commit();

        assertThat(id).matches("[0-9]+\\.M[0-9]{1,6}P[0-9]+Q[0-9]+\\.mx\\.test");
        assertThat(list(dir.resolve("new"))).containsExactly(dir.resolve("new").resolve(id));
        assertThat(dir.resolve("new").resolve(id)).hasBinaryContent(MESSAGE);
        assertThat(list(dir.resolve("tmp"))).isEmpty();
        assertThat(list(dir.resolve("cur"))).isEmpty();
    }

    @Test
    void bodyIsStreamedToTmpNotHeldInMemory() throws IOException {
        MaildirStore store = MaildirStore.open(dir, "mx.test");
        MessageWriter writer = open(store);
        byte[] chunk = new byte[100_000];
        new Random(1).nextBytes(chunk);
        writer.write(ByteBuffer.wrap(chunk));
        // more than the writer's buffer has reached the file before the commit
        List<Path> tmp = list(dir.resolve("tmp"));
        assertThat(tmp).hasSize(1);
        assertThat(Files.size(tmp.get(0))).isEqualTo(chunk.length);
        writer.abort();
    }

    @Test
    void manySmallAndLargeWritesKeepOrder() throws IOException {
        MaildirStore store = MaildirStore.open(dir, "mx.test");
        MessageWriter writer = open(store);
        byte[] all = new byte[300_000];
        new Random(2).nextBytes(all);
        Random sizes = new Random(3);
        for (int pos = 0; pos < all.length; ) {
            int n = Math.min(all.length - pos, sizes.nextBoolean() ? sizes.nextInt(100) : sizes.nextInt(70_000));
            ByteBuffer direct = ByteBuffer.allocateDirect(n);
            direct.put(all, pos, n).flip();
            writer.write(direct);
            assertThat(direct.hasRemaining()).isFalse();
            pos += n;
        }
        String id = writer.commit();
        assertThat(dir.resolve("new").resolve(id)).hasBinaryContent(all);
    }

    @Test
    void openContentReadsEverythingWrittenSoFarFromTheStart() throws IOException {
        MaildirStore store = MaildirStore.open(dir, "mx.test");
        MessageWriter writer = open(store);
        writer.write(ByteBuffer.wrap(MESSAGE));
        try (InputStream in = writer.openContent()) {
            assertThat(in.readAllBytes()).isEqualTo(MESSAGE);
        }
        try (InputStream in = writer.openContent()) {
            assertThat(in.readAllBytes()).isEqualTo(MESSAGE);
        }
        writer.commit();
    }

    @Test
    void abortDeletesTheTmpFileAndMayBeRepeated() throws IOException {
        MaildirStore store = MaildirStore.open(dir, "mx.test");
        MessageWriter writer = open(store);
        writer.write(ByteBuffer.wrap(MESSAGE));
        assertThat(list(dir.resolve("tmp"))).hasSize(1);
        writer.abort();
        writer.abort();
        assertThat(list(dir.resolve("tmp"))).isEmpty();
        assertThat(list(dir.resolve("new"))).isEmpty();
        assertThatThrownBy(() -> writer.write(ByteBuffer.wrap(MESSAGE))).isInstanceOf(IOException.class)
                .hasMessageEndingWith("is already closed");
    }

    @Test
    void abortAfterCommitKeepsTheMessage() throws IOException {
        MaildirStore store = MaildirStore.open(dir, "mx.test");
        MessageWriter writer = open(store);
        writer.write(ByteBuffer.wrap(MESSAGE));
        String id = writer.commit();
        writer.abort(); // the server always calls abort in a finally block
        assertThat(dir.resolve("new").resolve(id)).hasBinaryContent(MESSAGE);
    }

    @Test
    void maildirUnderARegularFileCannotBeCreated() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        // root ignores permissions; a path under a regular file fails for everyone
        assertThatThrownBy(() -> MaildirStore.open(file.resolve("mail"), "mx.test"))
                .isInstanceOf(FileSystemException.class);
    }

    @Test
    void missingTmpDirectoryFailsOpenWithIOException() throws IOException {
        MaildirStore store = MaildirStore.open(dir, "mx.test");
        Files.delete(dir.resolve("tmp"));
        Files.writeString(dir.resolve("tmp"), "not a directory");
        assertThatThrownBy(() -> open(store)).isInstanceOf(IOException.class);
    }

    @Test
    void failedRenameFailsCommitAndAbortRemovesTheTmpFile() throws IOException {
        MaildirStore store = MaildirStore.open(dir, "mx.test");
        MessageWriter writer = open(store);
        writer.write(ByteBuffer.wrap(MESSAGE));
        Files.delete(dir.resolve("new"));
        Files.writeString(dir.resolve("new"), "not a directory");

        assertThatThrownBy(writer::commit).isInstanceOf(IOException.class);
        writer.abort();

        assertThat(list(dir.resolve("tmp"))).isEmpty();
        assertThat(dir.resolve("new")).hasContent("not a directory");
    }

    @Test
    void concurrentCommitsAllLandWithUniqueNames() throws Exception {
        MaildirStore store = MaildirStore.open(dir, "mx.test");
        int threads = 4;
        int perThread = 25;
        Set<String> ids = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        MessageWriter writer = open(store);
                        writer.write(ByteBuffer.wrap(("message " + thread + "/" + i + "\r\n")
                                .getBytes(StandardCharsets.US_ASCII)));
                        ids.add(writer.commit());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ids).hasSize(threads * perThread);
        assertThat(list(dir.resolve("new"))).hasSize(threads * perThread);
        for (String id : ids) {
            String content = Files.readString(dir.resolve("new").resolve(id));
            assertThat(content).matches("message [0-3]/[0-9]+\r\n");
        }
    }

    @Test
    void twoStoresOfOneProcessNeverReuseANameInTheSameMaildir() throws IOException {
        MaildirStore a = MaildirStore.open(dir, "mx.test");
        MaildirStore b = MaildirStore.open(dir, "mx.test");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            for (MaildirStore s : Arrays.asList(a, b)) {
                MessageWriter w = open(s);
                w.write(ByteBuffer.wrap(MESSAGE));
                ids.add(w.commit());
            }
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(list(dir.resolve("new"))).hasSize(40);
    }

    @Test
    void toStringNamesTheDirectory() throws IOException {
        assertThat(MaildirStore.open(dir, "h").toString()).isEqualTo("Maildir " + dir.toAbsolutePath());
    }
}
