package dev.pillarbox.smtp.client;

import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link SmtpClient} behaves: the name it greets with, SMTP or LMTP, TLS, AUTH, timeouts, pipelining, BDAT and
 * buffer sizes. Immutable and reusable for any number of connections; made by {@link #defaults()} or
 * {@link #builder()}.
 */
public final class ClientSettings {

    /** Default limit of a reply line the client accepts, CRLF included: generous, since some servers exceed 512. */
    public static final int DEFAULT_REPLY_LINE_LIMIT = 2048;
    /** Default size of the buffer message data is stuffed and written through. */
    public static final int DEFAULT_BUFFER_SIZE = 64 * 1024;
    /** The BDAT chunk size used for BODY=BINARYMIME when no chunk size was chosen. */
    public static final int DEFAULT_CHUNK_SIZE = 1024 * 1024;

    private static final ClientSettings DEFAULTS = new Builder().build();

    private final String heloName;
    private final boolean lmtp;
    private final TlsOptions tls;
    private final Credentials credentials;
    private final Timeouts timeouts;
    private final boolean pipelining;
    private final boolean rsetBetweenMessages;
    private final int chunkSize;
    private final boolean normaliseLineEndings;
    private final int replyLineLimit;
    private final int bufferSize;
    private final Transcript transcript;

    private ClientSettings(Builder b) {
        this.heloName = b.heloName;
        this.lmtp = b.lmtp;
        this.tls = b.tls;
        this.credentials = b.credentials;
        this.timeouts = b.timeouts;
        this.pipelining = b.pipelining;
        this.rsetBetweenMessages = b.rsetBetweenMessages;
        this.chunkSize = b.chunkSize;
        this.normaliseLineEndings = b.normaliseLineEndings;
        this.replyLineLimit = b.replyLineLimit;
        this.bufferSize = b.bufferSize;
        this.transcript = b.transcript;
    }

    /**
     * SMTP, no TLS, no AUTH, RFC 5321 timeouts, pipelining when offered, DATA (not BDAT), bare line endings in
     * message data sent as CRLF, greeting with the local address as an address literal (e.g. {@code [127.0.0.1]}).
     */
    public static ClientSettings defaults() {
        return DEFAULTS;
    }

    /** A builder starting from {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The EHLO/LHLO argument; empty means the local address as an address literal (RFC 5321 4.1.4). */
    public Optional<String> heloName() {
        return Optional.ofNullable(heloName);
    }

    /** True for LMTP (RFC 2033): LHLO, and one reply per accepted recipient after the message. */
    public boolean lmtp() {
        return lmtp;
    }

    /** TLS options. */
    public TlsOptions tls() {
        return tls;
    }

    /** AUTH credentials, if the client should authenticate. */
    public Optional<Credentials> credentials() {
        return Optional.ofNullable(credentials);
    }

    /** Timeouts. */
    public Timeouts timeouts() {
        return timeouts;
    }

    /** Whether to pipeline commands (RFC 2920) when the server offers PIPELINING. */
    public boolean pipelining() {
        return pipelining;
    }

    /**
     * Whether RSET goes before every message but the first on a connection (default true). When false, RSET goes only
     * before a message whose predecessor did not reach the end of its data (a refused MAIL, no accepted recipient, a
     * refused DATA or BDAT chunk): after the end of the data the server has cleared its state itself (RFC 5321
     * 4.1.1.4), so a load generator saves a command and a reply per message.
     */
    public boolean rsetBetweenMessages() {
        return rsetBetweenMessages;
    }

    /**
     * The BDAT chunk size (RFC 3030): above zero, messages go as BDAT chunks of this size when the server offers
     * CHUNKING; zero means DATA (BODY=BINARYMIME still uses BDAT, with {@link #DEFAULT_CHUNK_SIZE}).
     */
    public int chunkSize() {
        return chunkSize;
    }

    /** Whether bare CR and bare LF in message data are sent as CRLF (DATA only; BDAT sends octets as they are). */
    public boolean normaliseLineEndings() {
        return normaliseLineEndings;
    }

    /** The longest reply line accepted, CRLF included. */
    public int replyLineLimit() {
        return replyLineLimit;
    }

    /** The size of the buffers message data passes through; memory per connection is about three of them. */
    public int bufferSize() {
        return bufferSize;
    }

    /** Where the dialogue goes line by line, if anywhere. */
    public Optional<Transcript> transcript() {
        return Optional.ofNullable(transcript);
    }

    @Override
    public String toString() {
        return "ClientSettings[" + (lmtp ? "LMTP" : "SMTP") + ", helo=" + (heloName == null ? "(address literal)"
                : heloName) + ", " + tls + ", auth=" + (credentials == null ? "none" : credentials) + ", pipelining="
                + pipelining + ", chunkSize=" + chunkSize + ", " + timeouts + "]";
    }

    /** Collects settings; {@link #build()} makes the immutable value. */
    public static final class Builder {
        private String heloName;
        private boolean lmtp;
        private TlsOptions tls = TlsOptions.none();
        private Credentials credentials;
        private Timeouts timeouts = Timeouts.rfc5321();
        private boolean pipelining = true;
        private boolean rsetBetweenMessages = true;
        private int chunkSize;
        private boolean normaliseLineEndings = true;
        private int replyLineLimit = DEFAULT_REPLY_LINE_LIMIT;
        private int bufferSize = DEFAULT_BUFFER_SIZE;
        private Transcript transcript;

        private Builder() {
        }

        private Builder(ClientSettings s) {
            heloName = s.heloName;
            lmtp = s.lmtp;
            tls = s.tls;
            credentials = s.credentials;
            timeouts = s.timeouts;
            pipelining = s.pipelining;
            rsetBetweenMessages = s.rsetBetweenMessages;
            chunkSize = s.chunkSize;
            normaliseLineEndings = s.normaliseLineEndings;
            replyLineLimit = s.replyLineLimit;
            bufferSize = s.bufferSize;
            transcript = s.transcript;
        }

        /** The EHLO/LHLO argument: a domain name or an address literal. */
        public Builder heloName(String name) {
            Objects.requireNonNull(name, "name");
            boolean controls = false;
            for (int i = 0; i < name.length(); i++) {
                controls |= name.charAt(i) <= ' ' || name.charAt(i) == 127;
            }
            if (name.isEmpty() || controls) {
                throw new IllegalArgumentException("HELO name must be one non-empty word without controls: \""
                        + name + "\"");
            }
            this.heloName = name;
            return this;
        }

        /** LMTP instead of SMTP. */
        public Builder lmtp(boolean lmtp) {
            this.lmtp = lmtp;
            return this;
        }

        /** TLS options. */
        public Builder tls(TlsOptions tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /** Authenticate with these credentials after EHLO (and after STARTTLS, if used). */
        public Builder credentials(Credentials credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
            return this;
        }

        /** Timeouts. */
        public Builder timeouts(Timeouts timeouts) {
            this.timeouts = Objects.requireNonNull(timeouts, "timeouts");
            return this;
        }

        /** Whether to pipeline when the server offers PIPELINING (default true). */
        public Builder pipelining(boolean pipelining) {
            this.pipelining = pipelining;
            return this;
        }

        /** Whether RSET goes before every message but the first (default true); see {@link #rsetBetweenMessages()}. */
        public Builder rsetBetweenMessages(boolean rset) {
            this.rsetBetweenMessages = rset;
            return this;
        }

        /** Send messages as BDAT chunks of {@code octets} when the server offers CHUNKING; 0 for DATA. */
        public Builder chunkSize(int octets) {
            if (octets < 0) {
                throw new IllegalArgumentException("chunk size must be 0 (DATA) or positive, not " + octets);
            }
            this.chunkSize = octets;
            return this;
        }

        /** Whether bare CR and LF in message data are sent as CRLF (default true). */
        public Builder normaliseLineEndings(boolean normalise) {
            this.normaliseLineEndings = normalise;
            return this;
        }

        /** The longest reply line accepted, CRLF included (at least 512, RFC 5321 4.5.3.1.5). */
        public Builder replyLineLimit(int octets) {
            if (octets < 512) {
                throw new IllegalArgumentException("reply line limit " + octets + " is below RFC 5321's 512");
            }
            this.replyLineLimit = octets;
            return this;
        }

        /** The size of the message data buffers (at least 1 KiB). */
        public Builder bufferSize(int octets) {
            if (octets < 1024) {
                throw new IllegalArgumentException("buffer size " + octets + " is below 1024");
            }
            this.bufferSize = octets;
            return this;
        }

        /** Where the dialogue goes line by line. */
        public Builder transcript(Transcript transcript) {
            this.transcript = Objects.requireNonNull(transcript, "transcript");
            return this;
        }

        /** The settings. */
        public ClientSettings build() {
            return new ClientSettings(this);
        }
    }
}
