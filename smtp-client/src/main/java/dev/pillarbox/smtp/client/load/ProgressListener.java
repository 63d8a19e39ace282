package dev.pillarbox.smtp.client.load;

/** Told where a load run stands, about once per progress interval and once at the end, on the calling thread. */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = progress -> { };

    /** The run's state now. */
    void progress(Progress progress);
}
