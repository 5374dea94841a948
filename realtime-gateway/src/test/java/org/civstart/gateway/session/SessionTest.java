package org.civstart.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

/**
 * Writes and the byte-sized queue of one connection, on a real Netty channel (an embedded one: its
 * event loop runs tasks when told to, so "queued but not yet written" can be observed).
 */
class SessionTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final List<Integer> closes = new ArrayList<>();
    private final AtomicInteger forgotten = new AtomicInteger();
    private final AtomicInteger slow = new AtomicInteger();

    private Session session(int queueLimit) {
        return new Session(
                Endpoint.CLIENT,
                "s1",
                "u1",
                0,
                (code, reason) -> closes.add(code),
                channel,
                queueLimit,
                s -> forgotten.incrementAndGet(),
                slow::incrementAndGet);
    }

    private List<String> written() {
        List<String> out = new ArrayList<>();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            out.add(WireFrames.payload(b));
            b.release();
        }
        return out;
    }

    @Test
    void aFrameGoesOutAsItIs() {
        Session s = session(1024);
        s.send(WireFrames.text("{\"a\":1}"));
        assertThat(written()).containsExactly("{\"a\":1}");
        assertThat(s.queuedBytes()).isZero();
    }

    @Test
    void aBatchSharesOneBufferAndFlushesEachConnectionOnce() {
        Session s = session(1024);
        Outbound outbound = new Outbound();
        ByteBuf shared = WireFrames.text("{\"e\":1}");
        ByteBuf other = WireFrames.text("{\"e\":2}");
        outbound.add(s, shared);
        outbound.add(s, other);
        assertThat(s.queuedBytes())
                .as("queued until the event loop writes")
                .isEqualTo(shared.readableBytes() + other.readableBytes());
        AtomicLong done = new AtomicLong(-1);
        outbound.flush(done::set);
        channel.runPendingTasks();
        assertThat(written()).containsExactly("{\"e\":1}", "{\"e\":2}");
        assertThat(done.get()).isEqualTo(2);
        assertThat(s.queuedBytes()).isZero();
        // the writes released their duplicates: only the caller's reference is left
        assertThat(shared.refCnt()).isEqualTo(1);
        shared.release();
        other.release();
    }

    @Test
    void aConnectionOverItsQueueLimitIsClosedAsSlowOnceAndForgotten() {
        Session s = session(100);
        Outbound outbound = new Outbound();
        ByteBuf frame = WireFrames.text("x".repeat(40)); // 42 bytes
        assertThat(outbound.add(s, frame)).isTrue();
        assertThat(outbound.add(s, frame)).isTrue();
        assertThat(outbound.add(s, frame)).as("126 > 100 bytes queued").isFalse();
        assertThat(outbound.add(s, frame)).isFalse();
        assertThat(closes).containsExactly(Session.CLOSE_SLOW_CONSUMER);
        assertThat(slow.get()).isEqualTo(1);
        assertThat(forgotten.get()).isEqualTo(1);
        assertThat(s.isClosed()).isTrue();
        outbound.flush(n -> {});
        channel.runPendingTasks();
        assertThat(written()).as("nothing is written after the close").isEmpty();
        assertThat(frame.refCnt()).as("no buffer leaks").isEqualTo(1);
        frame.release();
    }

    @Test
    void closingTwiceClosesOnce() {
        Session s = session(100);
        s.close(Session.CLOSE_GOING_AWAY, "bye");
        s.close(Session.CLOSE_DEAD_PEER, "gone");
        s.closedByPeer();
        assertThat(closes).containsExactly(Session.CLOSE_GOING_AWAY);
        assertThat(forgotten.get()).isEqualTo(1);
        ByteBuf late = WireFrames.text("{}");
        s.send(late);
        assertThat(late.refCnt()).isZero();
        assertThat(written()).isEmpty();
    }
}
