package org.civstart.gateway.session;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;

/**
 * Server → client WebSocket frames, encoded once as the exact bytes that go on the wire (RFC 6455:
 * server frames are not masked, so the bytes are the same for every connection). A live event's
 * frame is encoded once and the same bytes are written to every recipient.
 */
public final class WireFrames {

    private static final byte TEXT_FINAL = (byte) 0x81;
    private static final byte PING_FINAL = (byte) 0x89;

    private WireFrames() {}

    /** A final text frame holding {@code json} (UTF-8), in a direct buffer with one reference for the caller. */
    public static ByteBuf text(CharSequence json) {
        int length = ByteBufUtil.utf8Bytes(json);
        ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer(headerLength(length) + length);
        writeHeader(buf, TEXT_FINAL, length);
        ByteBufUtil.reserveAndWriteUtf8(buf, json, length);
        return buf;
    }

    /** An empty ping frame. */
    public static ByteBuf ping() {
        ByteBuf buf = ByteBufAllocator.DEFAULT.directBuffer(2);
        writeHeader(buf, PING_FINAL, 0);
        return buf;
    }

    /** The payload of a frame made by {@link #text} (for tests and logs). */
    public static String payload(ByteBuf frame) {
        int b1 = frame.getByte(frame.readerIndex() + 1) & 0x7F;
        int header = b1 < 126 ? 2 : b1 == 126 ? 4 : 10;
        return frame.toString(frame.readerIndex() + header, frame.readableBytes() - header, StandardCharsets.UTF_8);
    }

    static int headerLength(int payload) {
        return payload < 126 ? 2 : payload < 65536 ? 4 : 10;
    }

    private static void writeHeader(ByteBuf buf, byte first, int length) {
        buf.writeByte(first);
        if (length < 126) {
            buf.writeByte(length);
        } else if (length < 65536) {
            buf.writeByte(126);
            buf.writeShort(length);
        } else {
            buf.writeByte(127);
            buf.writeLong(length);
        }
    }
}
