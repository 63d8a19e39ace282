package dev.pillarbox.smtp.milter;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How to reach and treat one filter: its socket, Postfix's three timeouts, its default action, the macros to send
 * and the actions to offer. Immutable; made with {@link #builder(String)}. Defaults are Postfix's:
 * {@code milter_connect_timeout = 30s}, {@code milter_command_timeout = 30s}, {@code milter_content_timeout =
 * 300s}, {@code milter_default_action = tempfail}, the {@code milter_*_macros} lists.
 */
public final class FilterConfig {

    /** Default largest packet accepted from a filter: 1 MiB (libmilter's own body chunks are under 64 KiB). */
    public static final int DEFAULT_MAX_PACKET_LENGTH = 1 << 20;

    /** Default largest replacement body accepted from a filter: 64 MiB. */
    public static final long DEFAULT_MAX_REPLACED_BODY = 64L << 20;

    private final MilterSocket socket;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final Duration contentTimeout;
    private final DefaultAction defaultAction;
    private final MacroConfig macros;
    private final Set<Action> actions;
    private final int maxPacketLength;
    private final long maxReplacedBody;

    private FilterConfig(Builder b) {
        this.socket = b.socket;
        this.connectTimeout = b.connectTimeout;
        this.commandTimeout = b.commandTimeout;
        this.contentTimeout = b.contentTimeout;
        this.defaultAction = b.defaultAction;
        this.macros = b.macros;
        this.actions = Collections.unmodifiableSet(b.actions.isEmpty() ? EnumSet.noneOf(Action.class)
                : EnumSet.copyOf(b.actions));
        this.maxPacketLength = b.maxPacketLength;
        this.maxReplacedBody = b.maxReplacedBody;
    }

    /** A filter at {@code socket} ({@code inet:host:port}, {@code inet:port@host}, {@code unix:/path}) with defaults. */
    public static FilterConfig of(String socket) {
        return builder(socket).build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder(String socket) {
        return new Builder(MilterSocket.parse(socket));
    }

    /** A builder starting from the defaults. */
    public static Builder builder(MilterSocket socket) {
        return new Builder(Objects.requireNonNull(socket, "socket"));
    }

    /** Where the filter listens; its text also names the filter in logs and decisions. */
    public MilterSocket socket() {
        return socket;
    }

    /** The filter's name in logs and {@link Decision.Failed}: its socket as written. */
    public String name() {
        return socket.toString();
    }

    /** Time to connect to the filter ({@code milter_connect_timeout}). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Time for the filter to answer the negotiation and each envelope event ({@code milter_command_timeout}). */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /**
     * Time for each exchange while the message content is sent and at end of message
     * ({@code milter_content_timeout}); SMFIR_PROGRESS starts it again.
     */
    public Duration contentTimeout() {
        return contentTimeout;
    }

    /** What to do when the filter fails ({@code milter_default_action}). */
    public DefaultAction defaultAction() {
        return defaultAction;
    }

    /** The macros sent per stage unless the filter asks for others. */
    public MacroConfig macros() {
        return macros;
    }

    /** The actions offered to the filter in the negotiation. */
    public Set<Action> actions() {
        return actions;
    }

    /** The largest packet accepted from the filter (command byte plus data). */
    public int maxPacketLength() {
        return maxPacketLength;
    }

    /** The largest replacement body accepted from the filter. */
    public long maxReplacedBody() {
        return maxReplacedBody;
    }

    @Override
    public String toString() {
        return socket + " (connect " + connectTimeout + ", command " + commandTimeout + ", content "
                + contentTimeout + ", default action " + defaultAction + ")";
    }

    /** Builds a {@link FilterConfig}; every setter checks its value at once. */
    public static final class Builder {
        private final MilterSocket socket;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration commandTimeout = Duration.ofSeconds(30);
        private Duration contentTimeout = Duration.ofSeconds(300);
        private DefaultAction defaultAction = DefaultAction.TEMPFAIL;
        private MacroConfig macros = MacroConfig.postfixDefaults();
        private Set<Action> actions = Action.all();
        private int maxPacketLength = DEFAULT_MAX_PACKET_LENGTH;
        private long maxReplacedBody = DEFAULT_MAX_REPLACED_BODY;

        private Builder(MilterSocket socket) {
            this.socket = socket;
        }

        public Builder connectTimeout(Duration timeout) {
            connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        public Builder commandTimeout(Duration timeout) {
            commandTimeout = positive(timeout, "command timeout");
            return this;
        }

        public Builder contentTimeout(Duration timeout) {
            contentTimeout = positive(timeout, "content timeout");
            return this;
        }

        public Builder defaultAction(DefaultAction action) {
            defaultAction = Objects.requireNonNull(action, "default action");
            return this;
        }

        public Builder macros(MacroConfig config) {
            macros = Objects.requireNonNull(config, "macros");
            return this;
        }

        /** The actions to offer; a filter that asks for others fails the negotiation. */
        public Builder actions(Set<Action> offered) {
            actions = Set.copyOf(Objects.requireNonNull(offered, "actions"));
            return this;
        }

        public Builder maxPacketLength(int octets) {
            if (octets < MilterSession.BODY_CHUNK + 1) {
                throw new IllegalArgumentException("maximum packet length " + octets
                        + " is below a body chunk (" + (MilterSession.BODY_CHUNK + 1) + " octets)");
            }
            maxPacketLength = octets;
            return this;
        }

        public Builder maxReplacedBody(long octets) {
            if (octets < 0) {
                throw new IllegalArgumentException("maximum replaced body " + octets + " is negative");
            }
            maxReplacedBody = octets;
            return this;
        }

        public FilterConfig build() {
            return new FilterConfig(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " " + d + " is not positive");
            }
            return d;
        }
    }
}
