package dev.pillarbox.smtp.server;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Chooses how connections get their thread, at run time: one virtual thread per connection on Java 21+, a bounded
 * pool of platform threads on Java 17. The code is compiled for Java 17, so the virtual-thread factory is looked
 * up reflectively; this class is the only place that knows.
 */
final class ConnectionExecutors {

    private static final MethodHandle VIRTUAL = lookupVirtual();
    /** {@code Thread.ofVirtual().name(name).unstarted(task)}, or null before Java 21. */
    private static final MethodHandle VIRTUAL_THREAD = lookupVirtualThread();

    private ConnectionExecutors() {
    }

    /** True when this JVM has virtual threads (Java 21+). */
    static boolean virtualThreadsAvailable() {
        return VIRTUAL != null;
    }

    /**
     * An executor for connection tasks: virtual threads when available, else at most {@code maxThreads} platform
     * threads (idle threads end after a minute) and a queue of at most {@code maxThreads} tasks.
     */
    static ExecutorService create(int maxThreads) {
        if (VIRTUAL != null) {
            try {
                return (ExecutorService) VIRTUAL.invokeExact();
            } catch (Throwable e) {
                throw new IllegalStateException("cannot create a virtual-thread executor", e);
            }
        }
        return platform(maxThreads);
    }

    /**
     * The Java 17 executor: a bounded pool of daemon platform threads with a bounded queue. Every task holds a
     * connection-limiter permit until it ends, so the queue only holds a task for the moment between a finished
     * connection's permit release and its thread returning to the pool: it never reaches {@code maxThreads}, and if
     * it did the task would be refused (421), not queued without limit.
     */
    static ExecutorService platform(int maxThreads) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "smtp-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(maxThreads, maxThreads, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(maxThreads), factory);
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /**
     * A thread for an accept loop: virtual on Java 21+, a daemon platform thread otherwise. A platform thread blocked
     * in {@code accept} is switched in by the kernel for every connection (about 4% of the server's CPU samples in a
     * one-message-per-connection load); a virtual one waits in the poller the sessions already use.
     */
    static Thread acceptThread(Runnable task, String name) {
        if (VIRTUAL_THREAD != null) {
            try {
                return (Thread) VIRTUAL_THREAD.invoke(name, task);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot create a virtual accept thread", e);
            }
        }
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static MethodHandle lookupVirtualThread() {
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
            MethodHandle create = lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual));
            MethodHandle name = lookup.findVirtual(builder, "name", MethodType.methodType(builder, String.class));
            MethodHandle unstarted = lookup.findVirtual(builder, "unstarted",
                    MethodType.methodType(Thread.class, Runnable.class));
            // (String, Runnable) -> unstarted(name(ofVirtual(), String), Runnable)
            MethodHandle named = MethodHandles.collectArguments(name, 0, create.asType(MethodType.methodType(builder)));
            MethodHandle namedBuilder = MethodHandles.collectArguments(unstarted, 0, named);
            return namedBuilder.asType(MethodType.methodType(Thread.class, String.class, Runnable.class));
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            return null; // Java 17-20: platform threads
        }
    }

    private static MethodHandle lookupVirtual() {
        try {
            return MethodHandles.publicLookup().findStatic(java.util.concurrent.Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // Java 17-20: platform threads
        }
    }
}
