package dev.pillarbox.smtp.milter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** SMFIC_OPTNEG: the MTA's offer and the checks on the filter's answer (Postfix milter8_connect). */
class NegotiationTest {

    @Test
    void theOfferIsVersion6WithEveryActionAndEveryOptionButRejectedRecipients() {
        MilterPacket offer = Negotiation.offer(Action.all(), ProtocolOption.offered());
        assertThat(offer.toBytes()).containsExactly(
                0, 0, 0, 13, 'O',
                0, 0, 0, 6,
                0, 0, 0x01, (byte) 0xff,
                0, 0x1f, (byte) 0xf7, (byte) 0xff);
    }

    @Test
    void readsVersionActionsOptionsAndMacroLists() throws Exception {
        Negotiation n = Negotiation.parseReply(reply(6, 0x1 | 0x20 | 0x100, (1 << 10) | (1 << 7) | (1 << 20),
                new Object[] {2, "i {auth_authen}"}, new Object[] {5, "i,{client_addr}"}, new Object[] {9, "x"}),
                Action.all(), ProtocolOption.offered());
        assertThat(n.version()).isEqualTo(6);
        assertThat(n.actions()).containsExactlyInAnyOrder(Action.ADD_HEADERS, Action.QUARANTINE, Action.SET_MACRO_LIST);
        assertThat(n.options()).containsExactlyInAnyOrder(ProtocolOption.SKIP, ProtocolOption.NO_REPLY_HEADER,
                ProtocolOption.HEADER_LEADING_SPACE);
        assertThat(n.macros()).isEqualTo(Map.of(
                MacroStage.MAIL, List.of("i", "{auth_authen}"),
                MacroStage.END_OF_MESSAGE, List.of("i", "{client_addr}")));
    }

    @Test
    void optionsTheMtaDidNotOfferAreDropped() throws Exception {
        Negotiation n = Negotiation.parseReply(reply(6, 0, (1 << 11) | (1 << 4) | (1 << 25)), Action.all(),
                ProtocolOption.offered());
        assertThat(n.options()).containsExactly(ProtocolOption.NO_BODY);
    }

    @Test
    void olderVersionsGetOnlyTheirEvents() throws Exception {
        Negotiation v2 = Negotiation.parseReply(reply(2, 0, 0), Action.all(), ProtocolOption.offered());
        Negotiation v3 = Negotiation.parseReply(reply(3, 0, 0), Action.all(), ProtocolOption.offered());
        Negotiation v4 = Negotiation.parseReply(reply(4, 0, 0), Action.all(), ProtocolOption.offered());
        assertThat(v2.defines(Smfic.UNKNOWN)).isFalse();
        assertThat(v2.defines(Smfic.DATA)).isFalse();
        assertThat(v3.defines(Smfic.UNKNOWN)).isTrue();
        assertThat(v3.defines(Smfic.DATA)).isFalse();
        assertThat(v4.defines(Smfic.DATA)).isTrue();
        assertThat(v2.defines(Smfic.HEADER)).isTrue();
    }

    @Test
    void aNewerVersionIsRefused() {
        assertThatThrownBy(() -> Negotiation.parseReply(reply(7, 0, 0), Action.all(), ProtocolOption.offered()))
                .isInstanceOf(MilterProtocolException.class)
                .hasMessage("protocol version 7 conflicts with the MTA's version 6");
    }

    @Test
    void versionOneIsRefused() {
        assertThatThrownBy(() -> Negotiation.parseReply(reply(1, 0, 0), Action.all(), ProtocolOption.offered()))
                .hasMessage("unexpected protocol version 1");
    }

    @Test
    void actionsBeyondTheOfferAreRefused() {
        assertThatThrownBy(() -> Negotiation.parseReply(reply(6, 0x3, 0), EnumSet.of(Action.ADD_HEADERS),
                ProtocolOption.offered()))
                .hasMessage("request mask 0x3 conflicts with the MTA's request mask 0x1");
    }

    @Test
    void aReplyOtherThanOptnegIsRefused() {
        assertThatThrownBy(() -> Negotiation.parseReply(MilterPacket.of((byte) 'c'), Action.all(),
                ProtocolOption.offered()))
                .hasMessage("unexpected SMFIR_CONTINUE in the initial handshake (expected SMFIC_OPTNEG)");
    }

    @Test
    void aShortReplyIsRefused() {
        assertThatThrownBy(() -> Negotiation.parseReply(MilterPacket.of('O', new byte[] {0, 0, 0, 6, 0, 0}),
                Action.all(), ProtocolOption.offered()))
                .hasMessage("the SMFIC_OPTNEG reply is too short for a 32-bit integer at offset 4");
    }

    @Test
    void aMacroListWithoutItsNulIsRefused() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(reply(6, 0, 0).data());
        out.writeBytes(new byte[] {0, 0, 0, 2, 'i'});
        assertThatThrownBy(() -> Negotiation.parseReply(MilterPacket.of('O', out.toByteArray()), Action.all(),
                ProtocolOption.offered()))
                .hasMessage("the SMFIC_OPTNEG reply has a string without its NUL terminator at offset 16");
    }

    static MilterPacket reply(int version, int actions, int options, Object[]... macroLists) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(12).putInt(version).putInt(actions).putInt(options).array());
        for (Object[] list : macroLists) {
            out.writeBytes(ByteBuffer.allocate(4).putInt((Integer) list[0]).array());
            out.writeBytes(((String) list[1]).getBytes(StandardCharsets.US_ASCII));
            out.write(0);
        }
        return MilterPacket.of('O', out.toByteArray());
    }
}
