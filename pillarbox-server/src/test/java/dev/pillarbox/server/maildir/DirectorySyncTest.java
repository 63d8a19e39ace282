package dev.pillarbox.server.maildir;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySyncTest {

    @TempDir
    Path dir;

    @Test
    void aLoneCallerRunsItsOwnFsync() throws Exception {
        DirectorySync sync = new DirectorySync(dir);
        sync.sync();
        sync.sync(); // a second call needs a fresh fsync of its own: it returns, it does not wait forever
    }

    @Test
    void concurrentCommitsAllReturnWithEveryMessageInNew() throws Exception {
        MaildirStore store = MaildirStore.open(dir, "test.example");
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        var writer = store.open(null, dev.pillarbox.smtp.plugins.api.Envelope.empty());
                        writer.write(java.nio.ByteBuffer.wrap("Subject: x\r\n\r\nhi\r\n"
                                .getBytes(StandardCharsets.US_ASCII)));
                        ids.add(writer.commit());
                    }
                    return ids;
                }));
            }
            List<String> all = new ArrayList<>();
            for (Future<List<String>> result : results) {
                all.addAll(result.get(60, TimeUnit.SECONDS)); // a lost wake-up would hang here, not pass
            }
            assertThat(all).hasSize(threads * perThread).doesNotHaveDuplicates();
            try (var files = Files.list(dir.resolve("new"))) {
                assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrderElementsOf(all);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
