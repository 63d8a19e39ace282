package dev.pillarbox.server.maildir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for the entries of one directory: every message renamed into {@code new/} needs the directory
 * forced before its 250, and one fsync covers every rename that completed before it started. A caller registers
 * after its rename; if no fsync is running it runs one for everybody registered so far, otherwise it waits for the
 * next one to cover it. Under load a handful of sessions share each directory fsync instead of each paying for
 * its own (measured in docs/performance.md). The lock is held only to count, never around the disk: the fsync runs
 * outside it, and waiting sessions park on a condition (no pinned carrier on a virtual thread).
 */
final class DirectorySync {

    private final Path dir;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition finished = lock.newCondition();
    private long registered; // renames registered so far (a generation number)
    private long durable; // every registration up to this one is covered by a completed fsync
    private boolean running;

    DirectorySync(Path dir) {
        this.dir = dir;
    }

    /**
     * Returns once an fsync of the directory that started after this call began has completed: the caller's
     * rename, completed before the call, is then on disk.
     *
     * @throws IOException if the fsync this caller ran failed (a waiter whose fsync failed runs its own)
     */
    void sync() throws IOException {
        long covering;
        lock.lock();
        try {
            long mine = ++registered;
            while (running) {
                finished.awaitUninterruptibly();
                if (durable >= mine) {
                    return;
                }
            }
            if (durable >= mine) {
                return;
            }
            running = true;
            covering = registered; // renames registered so far all completed before this fsync starts
        } finally {
            lock.unlock();
        }
        boolean ok = false;
        try {
            MaildirStore.forceDirectory(dir);
            ok = true;
        } finally {
            lock.lock();
            try {
                running = false;
                if (ok) {
                    durable = Math.max(durable, covering);
                }
                finished.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }
}
