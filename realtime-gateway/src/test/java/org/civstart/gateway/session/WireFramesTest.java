package org.civstart.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;

/** Server frames as RFC 6455 lays them out: FIN + opcode, unmasked length in 7, 16 or 64 bits, payload. */
class WireFramesTest {

    @Test
    void lengthsUseTheShortestForm() {
        assertHeader(WireFrames.text("x".repeat(125)), 2, 125);
        assertHeader(WireFrames.text("x".repeat(126)), 4, 126);
        assertHeader(WireFrames.text("x".repeat(65535)), 4, 65535);
        assertHeader(WireFrames.text("x".repeat(65536)), 10, 65536);
    }

    private static void assertHeader(ByteBuf frame, int header, int length) {
        try {
            assertThat(frame.getByte(0) & 0xFF).as("FIN + text").isEqualTo(0x81);
            assertThat(frame.getByte(1) & 0x80).as("servers do not mask").isZero();
            assertThat(frame.readableBytes()).isEqualTo(header + length);
            long declared = header == 2 ? frame.getByte(1) : header == 4 ? frame.getUnsignedShort(2) : frame.getLong(2);
            assertThat(declared).isEqualTo(length);
        } finally {
            frame.release();
        }
    }

    @Test
    void thePayloadIsUtf8() {
        ByteBuf frame = WireFrames.text("{\"name\":\"Zoë ✓\"}");
        try {
            assertThat(WireFrames.payload(frame)).isEqualTo("{\"name\":\"Zoë ✓\"}");
            assertThat(frame.getByte(1))
                    .isEqualTo((byte) "{\"name\":\"Zoë ✓\"}".getBytes(StandardCharsets.UTF_8).length);
        } finally {
            frame.release();
        }
    }

    @Test
    void aPingIsTwoBytes() {
        ByteBuf ping = WireFrames.ping();
        try {
            assertThat(ping.readableBytes()).isEqualTo(2);
            assertThat(ping.getByte(0) & 0xFF).isEqualTo(0x89);
        } finally {
            ping.release();
        }
    }
}
