package dev.pillarbox.smtp.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the client waits at each step before it gives up on the server. The defaults are those of RFC 5321
 * 4.5.3.2; every one can be changed. A timeout ends the connection with {@link SmtpTimeoutException}, naming the
 * step and the limit. Immutable.
 *
 * <p>Each limit bounds one blocking operation, reads and writes alike: while the client sends the message body,
 * each write of a buffer must finish within {@link #dataBlock()} (a server that stops reading is noticed too).
 */
public final class Timeouts {

    private static final Timeouts RFC_5321 = new Builder().build();

    private final Duration connect;
    private final Duration greeting;
    private final Duration command;
    private final Duration mail;
    private final Duration rcpt;
    private final Duration dataInitiation;
    private final Duration dataBlock;
    private final Duration dataTermination;

    private Timeouts(Builder b) {
        this.connect = b.connect;
        this.greeting = b.greeting;
        this.command = b.command;
        this.mail = b.mail;
        this.rcpt = b.rcpt;
        this.dataInitiation = b.dataInitiation;
        this.dataBlock = b.dataBlock;
        this.dataTermination = b.dataTermination;
    }

    /**
     * The RFC 5321 4.5.3.2 values: greeting 5 min, MAIL 5 min, RCPT 5 min, DATA initiation 2 min, data block 3 min,
     * end of data 10 min; plus connect 1 min and other commands (EHLO, STARTTLS, AUTH, RSET, NOOP) 5 min.
     */
    public static Timeouts rfc5321() {
        return RFC_5321;
    }

    /** Every timeout set to {@code timeout}, e.g. for tests or a load generator. */
    public static Timeouts all(Duration timeout) {
        return new Builder().connect(timeout).greeting(timeout).command(timeout).mail(timeout).rcpt(timeout)
                .dataInitiation(timeout).dataBlock(timeout).dataTermination(timeout).build();
    }

    /** A builder starting from the RFC 5321 values. */
    public static Builder builder() {
        return new Builder();
    }

    /** Establishing the TCP connection. */
    public Duration connect() {
        return connect;
    }

    /** The 220 greeting (RFC 5321 4.5.3.2.1), and the TLS handshake of implicit TLS. */
    public Duration greeting() {
        return greeting;
    }

    /** EHLO, HELO, LHLO, STARTTLS and its handshake, AUTH, RSET, NOOP, QUIT. */
    public Duration command() {
        return command;
    }

    /** The reply to MAIL (RFC 5321 4.5.3.2.2). */
    public Duration mail() {
        return mail;
    }

    /** The reply to each RCPT (RFC 5321 4.5.3.2.3). */
    public Duration rcpt() {
        return rcpt;
    }

    /** The 354 reply to DATA (RFC 5321 4.5.3.2.4). */
    public Duration dataInitiation() {
        return dataInitiation;
    }

    /** Each write of message data, and the reply to a BDAT chunk that is not the last (RFC 5321 4.5.3.2.5). */
    public Duration dataBlock() {
        return dataBlock;
    }

    /** The reply (LMTP: each reply) after the end of the message (RFC 5321 4.5.3.2.6). */
    public Duration dataTermination() {
        return dataTermination;
    }

    /** The shortest of the timeouts. */
    Duration shortest() {
        Duration min = connect;
        for (Duration d : new Duration[] {greeting, command, mail, rcpt, dataInitiation, dataBlock, dataTermination}) {
            if (d.compareTo(min) < 0) {
                min = d;
            }
        }
        return min;
    }

    @Override
    public String toString() {
        return "Timeouts[connect=" + connect + ", greeting=" + greeting + ", command=" + command + ", mail=" + mail
                + ", rcpt=" + rcpt + ", dataInitiation=" + dataInitiation + ", dataBlock=" + dataBlock
                + ", dataTermination=" + dataTermination + "]";
    }

    /** Collects the timeouts; each must be positive. */
    public static final class Builder {
        private Duration connect = Duration.ofMinutes(1);
        private Duration greeting = Duration.ofMinutes(5);
        private Duration command = Duration.ofMinutes(5);
        private Duration mail = Duration.ofMinutes(5);
        private Duration rcpt = Duration.ofMinutes(5);
        private Duration dataInitiation = Duration.ofMinutes(2);
        private Duration dataBlock = Duration.ofMinutes(3);
        private Duration dataTermination = Duration.ofMinutes(10);

        private Builder() {
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " timeout must be positive, not " + d);
            }
            return d;
        }

        /** See {@link Timeouts#connect()}. */
        public Builder connect(Duration d) {
            this.connect = positive(d, "connect");
            return this;
        }

        /** See {@link Timeouts#greeting()}. */
        public Builder greeting(Duration d) {
            this.greeting = positive(d, "greeting");
            return this;
        }

        /** See {@link Timeouts#command()}. */
        public Builder command(Duration d) {
            this.command = positive(d, "command");
            return this;
        }

        /** See {@link Timeouts#mail()}. */
        public Builder mail(Duration d) {
            this.mail = positive(d, "MAIL");
            return this;
        }

        /** See {@link Timeouts#rcpt()}. */
        public Builder rcpt(Duration d) {
            this.rcpt = positive(d, "RCPT");
            return this;
        }

        /** See {@link Timeouts#dataInitiation()}. */
        public Builder dataInitiation(Duration d) {
            this.dataInitiation = positive(d, "DATA initiation");
            return this;
        }

        /** See {@link Timeouts#dataBlock()}. */
        public Builder dataBlock(Duration d) {
            this.dataBlock = positive(d, "data block");
            return this;
        }

        /** See {@link Timeouts#dataTermination()}. */
        public Builder dataTermination(Duration d) {
            this.dataTermination = positive(d, "DATA termination");
            return this;
        }

        /** The timeouts. */
        public Timeouts build() {
            return new Timeouts(this);
        }
    }
}
