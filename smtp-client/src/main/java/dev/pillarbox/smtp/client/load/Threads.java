package dev.pillarbox.smtp.client.load;

import java.lang.reflect.Method;

/**
 * Makes session threads: virtual on Java 21+ when asked, platform otherwise. The code is compiled for Java 17, so
 * {@code Thread.ofVirtual()} is called reflectively (once per session, so its cost does not matter); this class is the
 * only place that knows.
 */
final class Threads {

    private static final Method OF_VIRTUAL = lookup(Thread.class, "ofVirtual");
    private static final Method NAME = OF_VIRTUAL == null ? null
            : lookup(OF_VIRTUAL.getReturnType(), "name", String.class);
    private static final Method UNSTARTED = OF_VIRTUAL == null ? null
            : lookup(OF_VIRTUAL.getReturnType(), "unstarted", Runnable.class);

    private Threads() {
    }

    /** True if {@code kind} means virtual threads in this JVM. */
    static boolean virtual(ThreadKind kind) {
        if (kind == ThreadKind.VIRTUAL && UNSTARTED == null) {
            throw new IllegalStateException("virtual threads need Java 21 or newer; this is Java "
                    + Runtime.version().feature());
        }
        return kind == ThreadKind.VIRTUAL || (kind == ThreadKind.AUTO && UNSTARTED != null);
    }

    /** An unstarted thread of {@code kind} running {@code task}. */
    static Thread create(ThreadKind kind, String name, Runnable task) {
        if (virtual(kind)) {
            try {
                Object builder = NAME.invoke(OF_VIRTUAL.invoke(null), name);
                return (Thread) UNSTARTED.invoke(builder, task);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create a virtual thread", e);
            }
        }
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static Method lookup(Class<?> type, String name, Class<?>... parameters) {
        try {
            Method method = type.getMethod(name, parameters);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // Java 17
        }
    }
}
