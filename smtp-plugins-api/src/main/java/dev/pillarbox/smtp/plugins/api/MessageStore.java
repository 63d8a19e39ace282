package dev.pillarbox.smtp.plugins.api;

/**
 * A {@link DeliveryTarget} bound as the server's one store: {@code bind(MessageStore.class).to(...)} in a module is
 * the short way to say "every message goes here, and must": the server then knows it as the required target named
 * {@value #TARGET_NAME}. Servers with several targets bind each with {@link SmtpBinder#deliveryTarget} instead and
 * pick them in their settings.
 *
 * <p>The server opens a {@link MessageWriter} when a body starts, streams the body into it, runs the message hooks,
 * and commits it before it answers 250: a 250 means {@link MessageWriter#commit()} returned.
 */
public interface MessageStore extends DeliveryTarget {

    /** The target name under which a bound {@code MessageStore} is known (in settings, logs and metrics). */
    String TARGET_NAME = "store";
}
