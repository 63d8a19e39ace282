package dev.pillarbox.smtp.client.load;

/** Which threads the load generator's sessions run on. */
public enum ThreadKind {
    /** Virtual threads on Java 21+, platform threads on Java 17. */
    AUTO,
    /** One virtual thread per session; fails on Java 17. */
    VIRTUAL,
    /** One platform thread per session. */
    PLATFORM
}
