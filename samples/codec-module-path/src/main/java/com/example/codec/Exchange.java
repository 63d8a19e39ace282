package com.example.codec;

import dev.pillarbox.smtp.codec.CommandEncoder;
import dev.pillarbox.smtp.codec.MalformedReplyException;
import dev.pillarbox.smtp.codec.ReplyDecoder;
import dev.pillarbox.smtp.core.Command;
import dev.pillarbox.smtp.core.Reply;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** A client's side of one SMTP exchange, without a socket: the bytes of a command and the reply they get. */
public final class Exchange {

    private Exchange() {
    }

    /** The bytes a client sends for {@code MAIL FROM:<sender>}. */
    public static String mailFrom(String sender) {
        byte[] line = new CommandEncoder().encode(Command.of("MAIL", "FROM:<" + sender + ">"));
        return new String(line, StandardCharsets.US_ASCII);
    }

    /** Decodes a server's reply from its bytes. */
    public static Reply reply(String bytes) throws MalformedReplyException {
        return new ReplyDecoder().decode(ByteBuffer.wrap(bytes.getBytes(StandardCharsets.US_ASCII)));
    }
}
