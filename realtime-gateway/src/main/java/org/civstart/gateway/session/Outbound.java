package org.civstart.gateway.session;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;

/**
 * Live delivery in bulk: the feed thread adds (connection, frame) pairs while it routes a batch of
 * events; {@link #flush} then hands each event loop one task that writes all of its connections'
 * frames and flushes each connection once — one cross-thread hand-off per event loop and batch
 * instead of one per frame. The frame bytes are shared: each write is a duplicate of the one
 * buffer (same memory, own indexes), no copy per connection.
 *
 * <p>Not thread-safe: one instance belongs to the feed thread.
 */
public final class Outbound {

    /** The batches being filled, one per event loop that has writes (a handful: a linear search finds one). */
    private final List<Batch> batches = new ArrayList<>();

    private long epoch;

    /** Writes of one event loop. */
    private static final class Batch {
        final EventLoop loop;
        final List<Session> sessions = new ArrayList<>();
        final List<ByteBuf> frames = new ArrayList<>();

        Batch(EventLoop loop) {
            this.loop = loop;
        }
    }

    /**
     * Queues {@code frame} (shared: a duplicate is taken, the caller keeps its reference) for
     * {@code s}; false if the connection is closed or over its limit (then closed as slow).
     */
    public boolean add(Session s, ByteBuf frame) {
        // Netty's recycled duplicate: a plain duplicate().retain() measured no better (README: tried)
        ByteBuf copy = frame.retainedDuplicate();
        if (!s.enqueue(copy)) {
            return false;
        }
        Batch b = batchOf(s.eventLoop());
        b.sessions.add(s);
        b.frames.add(copy);
        return true;
    }

    private Batch batchOf(EventLoop loop) {
        for (int i = 0; i < batches.size(); i++) {
            if (batches.get(i).loop == loop) {
                return batches.get(i);
            }
        }
        Batch b = new Batch(loop);
        batches.add(b);
        return b;
    }

    /** Whether nothing is waiting to be written. */
    public boolean isEmpty() {
        return batches.isEmpty();
    }

    /**
     * Hands every event loop its writes. When the last event loop has written (and flushed) its
     * part, {@code done} gets the number of frames written: the whole batch is on the sockets.
     */
    public void flush(LongConsumer done) {
        if (batches.isEmpty()) {
            return;
        }
        long mark = ++epoch;
        AtomicInteger loopsLeft = new AtomicInteger(batches.size());
        AtomicLong frames = new AtomicLong();
        for (Batch b : batches) {
            b.loop.execute(() -> {
                frames.addAndGet(write(b, mark));
                if (loopsLeft.decrementAndGet() == 0) {
                    done.accept(frames.get());
                }
            });
        }
        batches.clear();
    }

    /** Event loop: writes the batch, then flushes each connection it wrote to once. */
    private static int write(Batch b, long mark) {
        List<Session> touched = new ArrayList<>();
        int n = 0;
        for (int i = 0; i < b.sessions.size(); i++) {
            Session s = b.sessions.get(i);
            if (s.writeInLoop(b.frames.get(i))) {
                n++;
                if (s.flushMark != mark) {
                    s.flushMark = mark;
                    touched.add(s);
                }
            }
        }
        for (Session s : touched) {
            s.flushInLoop();
        }
        return n;
    }
}
