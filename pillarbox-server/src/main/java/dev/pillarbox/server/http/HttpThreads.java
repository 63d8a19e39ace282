package dev.pillarbox.server.http;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** What the reference server's HTTP servers (metrics and health, the web inbox) share: their threads. */
public final class HttpThreads {

    private HttpThreads() {
    }

    /**
     * Virtual threads on Java 21+ (looked up by reflection: the code compiles for 17), else {@code platformThreads}
     * daemon platform threads named after {@code name}.
     */
    public static ExecutorService forRequests(String name, int platformThreads) {
        try {
            return (ExecutorService) MethodHandles.publicLookup()
                    .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class))
                    .invoke();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            AtomicInteger n = new AtomicInteger();
            ThreadFactory threads = task -> {
                Thread thread = new Thread(task, name + "-http-" + n.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            };
            return Executors.newFixedThreadPool(platformThreads, threads);
        } catch (Throwable e) {
            throw new IllegalStateException("cannot create the executor of " + name, e);
        }
    }
}
