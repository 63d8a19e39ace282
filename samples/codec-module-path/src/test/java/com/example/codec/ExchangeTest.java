package com.example.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pillarbox.smtp.codec.ReplyDecoder;
import dev.pillarbox.smtp.core.Reply;
import org.junit.jupiter.api.Test;

class ExchangeTest {

    @Test
    void runsOnTheModulePathWithTheCodecAlone() {
        // named modules, not the class path's unnamed module: the sample, the codec and the core it brings
        assertEquals("com.example.codec", Exchange.class.getModule().getName());
        assertEquals("dev.pillarbox.smtp.codec", ReplyDecoder.class.getModule().getName());
        assertEquals("dev.pillarbox.smtp.core", Reply.class.getModule().getName());
        assertTrue(Exchange.class.getModule().canRead(ReplyDecoder.class.getModule()));
    }

    @Test
    void encodesACommandAndDecodesAReply() throws Exception {
        assertEquals("MAIL FROM:<alice@example.org>\r\n", Exchange.mailFrom("alice@example.org"));
        Reply reply = Exchange.reply("250 2.1.0 Sender OK\r\n");
        assertEquals(250, reply.code().value());
        assertEquals("2.1.0", reply.enhancedCode().orElseThrow().toString());
    }
}
