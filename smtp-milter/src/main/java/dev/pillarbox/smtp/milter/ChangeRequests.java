package dev.pillarbox.smtp.milter;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The change requests a filter sends after SMFIC_BODYEOB, decoded into {@link Modification}s and checked against
 * the negotiated actions; one instance per end of message, which also gathers the SMFIR_REPLBODY chunks into one
 * replacement body.
 */
final class ChangeRequests {

    private final Negotiation negotiation;
    private final long maxReplacedBody;
    private ByteArrayOutputStream replacement;
    private boolean replacementDone;

    ChangeRequests(Negotiation negotiation, long maxReplacedBody) {
        this.negotiation = negotiation;
        this.maxReplacedBody = maxReplacedBody;
    }

    /** Adds an SMFIR_REPLBODY chunk to the replacement body. */
    void bodyChunk(MilterPacket p) throws MilterProtocolException {
        require(negotiation, Action.CHANGE_BODY, Smfir.REPLBODY);
        if (replacementDone) {
            // Postfix refuses this too: its queue file edit cannot resume a replaced body
            throw new MilterProtocolException("SMFIR_REPLBODY chunks mixed with other change requests");
        }
        if (replacement == null) {
            replacement = new ByteArrayOutputStream();
        }
        if (replacement.size() + (long) p.data().length > maxReplacedBody) {
            throw new MilterProtocolException("replacement body exceeds the limit of " + maxReplacedBody + " octets");
        }
        replacement.writeBytes(p.data());
    }

    /** The replacement body once its chunks are over (another request came), if one was being gathered. */
    Optional<Modification> endBody() {
        if (replacement == null || replacementDone) {
            return Optional.empty();
        }
        replacementDone = true;
        return Optional.of(new Modification.ReplaceBody(crlfLines(replacement.toByteArray())));
    }

    /** Decodes one change request (not a body chunk) and checks that it was negotiated. */
    Modification decode(Smfir r, MilterPacket p) throws MilterProtocolException {
        PayloadReader in = new PayloadReader(p.data(), r.toString());
        boolean leadingSpace = !negotiation.has(ProtocolOption.HEADER_LEADING_SPACE);
        switch (r) {
            case ADDHEADER: {
                require(negotiation, Action.ADD_HEADERS, r);
                String field = in.readString();
                byte[] value = in.readBytes();
                in.expectEnd();
                return new Modification.AddHeader(HeaderField.fromFilter(field, value, leadingSpace));
            }
            case INSHEADER: {
                require(negotiation, Action.ADD_HEADERS, r);
                long index = in.readUnsignedInt();
                String field = in.readString();
                byte[] value = in.readBytes();
                in.expectEnd();
                return new Modification.InsertHeader(index, HeaderField.fromFilter(field, value, leadingSpace));
            }
            case CHGHEADER: {
                require(negotiation, Action.CHANGE_HEADERS, r);
                long index = in.readUnsignedInt();
                String field = in.readString();
                byte[] value = in.readBytes();
                in.expectEnd();
                // Sendmail compatibility (Postfix milter8.c): index 0 means the first
                long n = index == 0 ? 1 : index;
                if (field.isEmpty()) {
                    throw new MilterProtocolException("SMFIR_CHGHEADER with an empty header field name");
                }
                if (value.length == 0) {
                    return new Modification.DeleteHeader(n, field);
                }
                return new Modification.ChangeHeader(n, HeaderField.fromFilter(field, value, leadingSpace));
            }
            case ADDRCPT: {
                require(negotiation, Action.ADD_RECIPIENT, r);
                String address = in.readString();
                in.expectEnd();
                return new Modification.AddRecipient(address(address, r), Optional.empty());
            }
            case ADDRCPT_PAR: {
                require(negotiation, Action.ADD_RECIPIENT_WITH_PARAMETERS, r);
                String address = in.readString();
                Optional<String> parameters = optionalString(in);
                in.expectEnd();
                return new Modification.AddRecipient(address(address, r), parameters);
            }
            case DELRCPT: {
                require(negotiation, Action.DELETE_RECIPIENT, r);
                String address = in.readString();
                in.expectEnd();
                return new Modification.DeleteRecipient(address(address, r));
            }
            case CHGFROM: {
                require(negotiation, Action.CHANGE_SENDER, r);
                String address = in.readString();
                Optional<String> parameters = optionalString(in);
                in.expectEnd();
                return new Modification.ChangeSender(address(address, r), parameters);
            }
            default:
                throw new IllegalArgumentException(r + " is not a change request");
        }
    }

    private static Optional<String> optionalString(PayloadReader in) throws MilterProtocolException {
        if (!in.hasMore()) {
            return Optional.empty();
        }
        String s = in.readString();
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    private static String address(String address, Smfir r) throws MilterProtocolException {
        if (address.isEmpty()) {
            throw new MilterProtocolException(r + " with an empty address");
        }
        return address;
    }

    static void require(Negotiation negotiation, Action action, Smfir r) throws MilterProtocolException {
        if (!negotiation.allows(action)) {
            throw new MilterProtocolException(r + " without the negotiated action " + action.protocolName());
        }
    }

    /** The reason of an SMFIR_QUARANTINE, which needs SMFIF_QUARANTINE; at any stage, as Postfix takes it. */
    static String quarantineReason(MilterPacket p, Negotiation negotiation) throws MilterProtocolException {
        require(negotiation, Action.QUARANTINE, Smfir.QUARANTINE);
        byte[] data = p.data();
        int end = 0;
        while (end < data.length && data[end] != 0) {
            end++;
        }
        return new String(data, 0, end, StandardCharsets.UTF_8);
    }

    /** Fails unless a reply without data has none. */
    static void noData(MilterPacket p, Smfir r) throws MilterProtocolException {
        if (p.data().length != 0) {
            throw new MilterProtocolException("reply " + r + " was followed by " + p.data().length + " data octets");
        }
    }

    /** A replacement body with every line ending in CRLF: bare LF gains a CR, a last line without one gets CRLF. */
    static byte[] crlfLines(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 16);
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '\n' && (i == 0 || body[i - 1] != '\r')) {
                out.write('\r');
            }
            out.write(body[i]);
        }
        int n = out.size();
        byte[] b = out.toByteArray();
        if (n > 0 && !(n >= 2 && b[n - 2] == '\r' && b[n - 1] == '\n')) {
            out.write('\r');
            out.write('\n');
            return out.toByteArray();
        }
        return b;
    }
}
