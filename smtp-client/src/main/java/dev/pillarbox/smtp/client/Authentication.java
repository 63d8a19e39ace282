package dev.pillarbox.smtp.client;

import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Reply;
import dev.pillarbox.smtp.core.Verb;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * AUTH (RFC 4954) with PLAIN (RFC 4616), LOGIN or SCRAM-SHA-256 (RFC 7677): picks the first allowed mechanism the
 * server offers, runs the exchange, and turns every refusal into {@link SmtpAuthenticationException}. Secrets never
 * reach the transcript.
 */
final class Authentication {

    private static final String REDACTED = "<redacted>";

    private final Connection connection;

    Authentication(Connection connection) {
        this.connection = connection;
    }

    /**
     * Authenticates; returns the mechanism used.
     *
     * @throws SmtpAuthenticationException if no mechanism can be used or the server refuses
     */
    AuthMechanism run(Credentials credentials, Capabilities capabilities, boolean tls) throws SmtpClientException {
        AuthMechanism mechanism = choose(credentials, capabilities, tls);
        switch (mechanism) {
            case PLAIN:
                plain(credentials);
                break;
            case LOGIN:
                login(credentials);
                break;
            default:
                scram(credentials);
                break;
        }
        return mechanism;
    }

    private AuthMechanism choose(Credentials credentials, Capabilities capabilities, boolean tls)
            throws SmtpAuthenticationException {
        List<AuthMechanism> withoutTls = new ArrayList<>();
        for (AuthMechanism m : credentials.mechanisms()) {
            if (!capabilities.authMechanisms().contains(m.saslName())) {
                continue;
            }
            if (m.sendsPassword() && !tls && !credentials.allowWithoutTls()) {
                withoutTls.add(m);
                continue;
            }
            return m;
        }
        if (!withoutTls.isEmpty()) {
            throw new SmtpAuthenticationException("AUTH " + withoutTls.get(0).saslName() + " would send the password"
                    + " without TLS; use TLS, or allow it with Credentials.allowingWithoutTls()", null);
        }
        throw new SmtpAuthenticationException(capabilities.authMechanisms().isEmpty()
                ? "the server does not offer AUTH" + (tls ? "" : " (many servers offer it only after STARTTLS)")
                : "none of the allowed mechanisms " + names(credentials.mechanisms()) + " is offered by the server,"
                        + " which offers " + String.join(" ", capabilities.authMechanisms()), null);
    }

    private void plain(Credentials credentials) throws SmtpClientException {
        String response = b64("\0" + credentials.username() + "\0" + credentials.password());
        Reply reply = send("PLAIN " + response, "AUTH PLAIN " + REDACTED);
        if (reply.code().value() == 334) { // a server that does not take an initial response asks for it
            reply = respond(response);
        }
        expectSuccess(reply, AuthMechanism.PLAIN);
    }

    private void login(Credentials credentials) throws SmtpClientException {
        Reply reply = send("LOGIN", "AUTH LOGIN");
        expectChallenge(reply, AuthMechanism.LOGIN);
        reply = respond(b64(credentials.username()));
        expectChallenge(reply, AuthMechanism.LOGIN);
        expectSuccess(respond(b64(credentials.password())), AuthMechanism.LOGIN);
    }

    private void scram(Credentials credentials) throws SmtpClientException {
        Scram scram = new Scram(credentials.username(), credentials.password());
        Reply reply = send("SCRAM-SHA-256 " + b64(scram.clientFirst()), "AUTH SCRAM-SHA-256 " + REDACTED);
        expectChallenge(reply, AuthMechanism.SCRAM_SHA_256);
        String clientFinal;
        try {
            clientFinal = scram.clientFinal(decode(reply));
        } catch (IllegalArgumentException e) {
            throw cancel(e.getMessage());
        }
        reply = respond(b64(clientFinal));
        String serverFinal;
        if (reply.code().value() == 334) {
            serverFinal = decode(reply);
        } else if (reply.code().value() == 235 && isBase64(lastWord(reply))) {
            serverFinal = decode(lastWord(reply)); // RFC 4954 4: additional data with the success reply
        } else {
            expectSuccess(reply, AuthMechanism.SCRAM_SHA_256);
            throw new SmtpAuthenticationException("AUTH SCRAM-SHA-256: the server accepted without sending its"
                    + " signature, so it did not prove it knows the password: " + reply, reply);
        }
        try {
            scram.verifyServerFinal(serverFinal);
        } catch (IllegalArgumentException e) {
            if (reply.code().value() == 334) {
                throw cancel(e.getMessage());
            }
            throw new SmtpAuthenticationException("AUTH SCRAM-SHA-256: " + e.getMessage(), reply);
        }
        if (reply.code().value() == 334) {
            expectSuccess(respond(""), AuthMechanism.SCRAM_SHA_256);
        }
    }

    private Reply send(String argument, String shown) throws SmtpClientException {
        connection.command(new Command(Verb.AUTH, argument), shown, Step.COMMAND);
        connection.flush(Step.COMMAND, "AUTH");
        return connection.reply(Step.COMMAND, "AUTH");
    }

    /** Sends a SASL response line (RFC 4954 4: base64, or empty). */
    private Reply respond(String response) throws SmtpClientException {
        byte[] line = (response + "\r\n").getBytes(StandardCharsets.US_ASCII);
        connection.append(line, 0, line.length, Step.COMMAND, "an AUTH response");
        connection.note(Transcript.Direction.CLIENT, response.isEmpty() ? "" : REDACTED);
        connection.flush(Step.COMMAND, "an AUTH response");
        return connection.reply(Step.COMMAND, "an AUTH response");
    }

    /** Cancels the exchange with "*" (RFC 4954 4), reads the server's 501, and fails. */
    private SmtpAuthenticationException cancel(String why) throws SmtpClientException {
        Reply reply = respond("*");
        return new SmtpAuthenticationException("AUTH SCRAM-SHA-256 cancelled: " + why, reply);
    }

    private void expectChallenge(Reply reply, AuthMechanism mechanism) throws SmtpClientException {
        if (reply.code().value() != 334) {
            refused(reply, mechanism);
        }
    }

    private void expectSuccess(Reply reply, AuthMechanism mechanism) throws SmtpClientException {
        if (reply.code().value() != 235) {
            refused(reply, mechanism);
        }
    }

    private void refused(Reply reply, AuthMechanism mechanism) throws SmtpClientException {
        if (reply.isPositive() && reply.code().value() != 334) {
            throw connection.broken(new SmtpProtocolException("unexpected reply to AUTH " + mechanism.saslName()
                    + ": " + reply));
        }
        throw new SmtpAuthenticationException("AUTH " + mechanism.saslName() + " refused: "
                + reply.toString().replace("\r\n", " / "), reply);
    }

    private String decode(Reply reply) throws SmtpClientException {
        try {
            return decode(reply.text().trim());
        } catch (IllegalArgumentException e) {
            throw connection.broken(new SmtpProtocolException("the AUTH challenge is not base64: " + reply));
        }
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static String lastWord(Reply reply) {
        String text = reply.text().trim();
        int sp = text.lastIndexOf(' ');
        return sp < 0 ? text : text.substring(sp + 1);
    }

    private static boolean isBase64(String text) {
        try {
            String decoded = decode(text);
            return decoded.startsWith("v=") || decoded.startsWith("e=");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String names(List<AuthMechanism> mechanisms) {
        List<String> names = new ArrayList<>();
        for (AuthMechanism m : mechanisms) {
            names.add(m.saslName());
        }
        return String.join(" ", names);
    }
}
