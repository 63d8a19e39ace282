package dev.pillarbox.smtp.client.load;

import dev.pillarbox.smtp.client.ClientSettings;
import dev.pillarbox.smtp.client.Timeouts;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a load run does (the smtp-source habit): N sessions sending M messages of a given size to one server, reusing
 * connections or not, pipelined or not, SMTP or LMTP, optionally stopping at a time limit. Immutable; made by
 * {@link #builder(String, int)}.
 */
public final class LoadSettings {

    private final String host;
    private final int port;
    private final int sessions;
    private final long messages;
    private final int messageSize;
    private final boolean reuseConnections;
    private final boolean pipelining;
    private final boolean lmtp;
    private final Duration timeLimit;
    private final String sender;
    private final String recipient;
    private final int recipientsPerMessage;
    private final ThreadKind threads;
    private final ClientSettings client;
    private final Duration progressInterval;

    private LoadSettings(Builder b) {
        this.host = b.host;
        this.port = b.port;
        this.sessions = b.sessions;
        this.messages = b.messages;
        this.messageSize = b.messageSize;
        this.reuseConnections = b.reuseConnections;
        this.pipelining = b.pipelining;
        this.lmtp = b.lmtp;
        this.timeLimit = b.timeLimit;
        this.sender = b.sender;
        this.recipient = b.recipient;
        this.recipientsPerMessage = b.recipientsPerMessage;
        this.threads = b.threads;
        this.client = b.client;
        this.progressInterval = b.progressInterval;
    }

    /**
     * A builder for a run against {@code host:port} with the defaults: 1 session, 1 message of 1 KiB, connections
     * reused, pipelining when offered, SMTP, no time limit, virtual threads where available.
     */
    public static Builder builder(String host, int port) {
        return new Builder(host, port);
    }

    /** The server host. */
    public String host() {
        return host;
    }

    /** The server port. */
    public int port() {
        return port;
    }

    /** Sessions running at once. */
    public int sessions() {
        return sessions;
    }

    /** Messages to send in all (shared by the sessions). */
    public long messages() {
        return messages;
    }

    /** The message payload size in octets, after a few header lines (as smtp-source's {@code -l}). */
    public int messageSize() {
        return messageSize;
    }

    /** Whether a session sends all its messages over one connection (else one connection per message). */
    public boolean reuseConnections() {
        return reuseConnections;
    }

    /** Whether to pipeline when the server offers PIPELINING. */
    public boolean pipelining() {
        return pipelining;
    }

    /** LMTP instead of SMTP. */
    public boolean lmtp() {
        return lmtp;
    }

    /** When the run stops even if messages are left, if set. */
    public Optional<Duration> timeLimit() {
        return Optional.ofNullable(timeLimit);
    }

    /** The sender address. */
    public String sender() {
        return sender;
    }

    /** The recipient address (with several recipients per message, numbered: 1-rcpt@..., 2-rcpt@...). */
    public String recipient() {
        return recipient;
    }

    /** Recipients per message. */
    public int recipientsPerMessage() {
        return recipientsPerMessage;
    }

    /** Which threads the sessions run on. */
    public ThreadKind threads() {
        return threads;
    }

    /**
     * The client settings each session connects with: those given, with LMTP and pipelining from these settings, and
     * RSET only after a message that did not reach the end of its data (as smtp-source, which sends no RSET).
     */
    public ClientSettings client() {
        return client.toBuilder().lmtp(lmtp).pipelining(pipelining).rsetBetweenMessages(false).build();
    }

    /** How often the progress listener is told. */
    public Duration progressInterval() {
        return progressInterval;
    }

    @Override
    public String toString() {
        return "LoadSettings[" + host + ":" + port + ", " + sessions + " sessions, " + messages + " x " + messageSize
                + " octets, " + (reuseConnections ? "reuse" : "a connection per message")
                + (pipelining ? ", pipelining" : "") + (lmtp ? ", LMTP" : "")
                + (timeLimit == null ? "" : ", at most " + timeLimit) + ", " + threads + " threads]";
    }

    /** Collects the settings. */
    public static final class Builder {
        private final String host;
        private final int port;
        private int sessions = 1;
        private long messages = 1;
        private int messageSize = 1024;
        private boolean reuseConnections = true;
        private boolean pipelining = true;
        private boolean lmtp;
        private Duration timeLimit;
        private String sender = "load@client.example";
        private String recipient = "sink@server.example";
        private int recipientsPerMessage = 1;
        private ThreadKind threads = ThreadKind.AUTO;
        private ClientSettings client = ClientSettings.builder().heloName("client.example")
                .timeouts(Timeouts.all(Duration.ofSeconds(60))).build();
        private Duration progressInterval = Duration.ofSeconds(1);

        private Builder(String host, int port) {
            this.host = Objects.requireNonNull(host, "host");
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is outside 1-65535");
            }
            this.port = port;
        }

        /** Sessions at once (at least 1). */
        public Builder sessions(int sessions) {
            if (sessions < 1) {
                throw new IllegalArgumentException("sessions must be at least 1, not " + sessions);
            }
            this.sessions = sessions;
            return this;
        }

        /** Messages in all (at least 1). */
        public Builder messages(long messages) {
            if (messages < 1) {
                throw new IllegalArgumentException("messages must be at least 1, not " + messages);
            }
            this.messages = messages;
            return this;
        }

        /** Payload size in octets (0 to 100 MiB). */
        public Builder messageSize(int octets) {
            if (octets < 0 || octets > 100 << 20) {
                throw new IllegalArgumentException("message size must be 0 to 100 MiB, not " + octets);
            }
            this.messageSize = octets;
            return this;
        }

        /** Reuse connections (default true). */
        public Builder reuseConnections(boolean reuse) {
            this.reuseConnections = reuse;
            return this;
        }

        /** Pipeline when offered (default true). */
        public Builder pipelining(boolean pipelining) {
            this.pipelining = pipelining;
            return this;
        }

        /** LMTP (default false). */
        public Builder lmtp(boolean lmtp) {
            this.lmtp = lmtp;
            return this;
        }

        /** Stop after this long even if messages are left. */
        public Builder timeLimit(Duration limit) {
            Objects.requireNonNull(limit, "limit");
            if (limit.isNegative() || limit.isZero()) {
                throw new IllegalArgumentException("time limit must be positive, not " + limit);
            }
            this.timeLimit = limit;
            return this;
        }

        /** The sender address. */
        public Builder sender(String address) {
            this.sender = Objects.requireNonNull(address, "address");
            return this;
        }

        /** The recipient address. */
        public Builder recipient(String address) {
            this.recipient = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Recipients per message (1 to 1000). */
        public Builder recipientsPerMessage(int count) {
            if (count < 1 || count > 1000) {
                throw new IllegalArgumentException("recipients per message must be 1 to 1000, not " + count);
            }
            this.recipientsPerMessage = count;
            return this;
        }

        /** Which threads run the sessions (default AUTO). */
        public Builder threads(ThreadKind kind) {
            this.threads = Objects.requireNonNull(kind, "kind");
            return this;
        }

        /** The client settings (TLS, timeouts, HELO name...); default: 60 s timeouts, HELO client.example. */
        public Builder client(ClientSettings settings) {
            this.client = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** How often progress is reported (default 1 s). */
        public Builder progressInterval(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("progress interval must be positive, not " + interval);
            }
            this.progressInterval = interval;
            return this;
        }

        /** The settings. */
        public LoadSettings build() {
            return new LoadSettings(this);
        }
    }
}
