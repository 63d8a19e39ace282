package dev.pillarbox.smtp.plugins.api;

import java.util.Objects;

/**
 * A typed key for per-session or per-envelope attributes, so plugins keep their own state without casts.
 * Keys compare by identity: declare each as a {@code static final} constant.
 *
 * @param <T> the value type
 */
public final class AttributeKey<T> {

    private final String name;
    private final Class<T> type;

    private AttributeKey(String name, Class<T> type) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
    }

    /** A new key; {@code name} is for logs and error messages, e.g. "greylist.triplet". */
    public static <T> AttributeKey<T> of(String name, Class<T> type) {
        return new AttributeKey<>(name, type);
    }

    /** The key's name. */
    public String name() {
        return name;
    }

    /** The value type. */
    public Class<T> type() {
        return type;
    }

    /** Casts {@code value} to this key's type, failing with a message naming the key. */
    public T cast(Object value) {
        if (value != null && !type.isInstance(value)) {
            throw new ClassCastException("attribute " + name + " holds " + value.getClass().getName()
                    + ", not " + type.getName());
        }
        return type.cast(value);
    }

    @Override
    public String toString() {
        return name + ":" + type.getSimpleName();
    }
}
