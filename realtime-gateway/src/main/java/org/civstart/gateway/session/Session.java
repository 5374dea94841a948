package org.civstart.gateway.session;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandler;

/**
 * One WebSocket connection as the transport sees it: who it is (endpoint, startup, user, when its
 * token expires), its socket, and its outbound queue, bounded in bytes.
 *
 * <p>Frames are complete wire frames ({@link WireFrames}) written straight to the connection's
 * Netty channel, on its event loop. The queue of a connection is what it was handed and has not
 * yet taken from the socket: bytes submitted and not yet written ({@link #queuedBytes}) plus what
 * Netty holds for the socket (its high-water mark is the same limit). A connection past the limit
 * cannot keep up: it is closed with {@link #CLOSE_SLOW_CONSUMER} (resumable), so memory never
 * grows with a slow client. Nothing here allocates per frame beyond what Netty needs to write it.
 */
public final class Session {

    /** Close codes (4000-4999 are the application's). Every close invites a reconnect with resume. */
    public static final int CLOSE_GOING_AWAY = 1001;

    public static final int CLOSE_POLICY = 1008;
    public static final int CLOSE_TOO_BIG = 1009;
    public static final int CLOSE_INTERNAL = 1011;
    public static final int CLOSE_DEAD_PEER = 4001;
    public static final int CLOSE_SLOW_CONSUMER = 4008;

    private static final String REPLICA =
            Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36), 36);
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final AtomicLongFieldUpdater<Session> QUEUED =
            AtomicLongFieldUpdater.newUpdater(Session.class, "queuedBytes");

    private final String id = REPLICA + "-" + Long.toString(SEQUENCE.incrementAndGet(), 36);
    private final Endpoint endpoint;
    private final String startupId;
    private final String userId;
    private final long expiresAtMillis;
    private final Closer closer;
    private final Channel channel;
    /** The channel's event loop, where its frames are written (asked once: Netty's lookup checks registration). */
    private final EventLoop eventLoop;
    /** Frames go straight to the channel's outbound buffer, past the pipeline (false when a handler must see them, e.g. TLS). */
    private final boolean direct;

    private final int queueLimit;
    private final Consumer<Session> onClose;
    private final Runnable onSlow;

    private volatile long queuedBytes;
    private volatile long lastSeenNanos = System.nanoTime();
    private volatile boolean closed;
    /** The event loop's write batch that last wrote here (event loop only): to flush each connection once per batch. */
    long flushMark;

    /** Sends the WebSocket close frame (the WebSocket layer's closing handshake). */
    @FunctionalInterface
    public interface Closer {
        void close(int code, String reason);
    }

    /**
     * @param expiresAtMillis when the token expires (epoch ms), 0 if never
     * @param closer the WebSocket's close (close frame, then the socket)
     * @param channel the connection's Netty channel, where frames are written
     * @param onClose called once when the session closes, whoever closed it
     * @param onSlow called once if it is closed for being too slow
     */
    public Session(
            Endpoint endpoint,
            String startupId,
            String userId,
            long expiresAtMillis,
            Closer closer,
            Channel channel,
            int queueLimit,
            Consumer<Session> onClose,
            Runnable onSlow) {
        this.endpoint = endpoint;
        this.startupId = startupId;
        this.userId = userId;
        this.expiresAtMillis = expiresAtMillis;
        this.closer = closer;
        this.channel = channel;
        this.eventLoop = channel == null ? null : channel.eventLoop();
        this.direct = channel != null && channel.pipeline().get(SslHandler.class) == null;
        this.queueLimit = queueLimit;
        this.onClose = onClose;
        this.onSlow = onSlow;
    }

    /** Unique on this replica, and (by a random replica prefix) in practice across replicas. */
    public String id() {
        return id;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    /** The token's {@code startup_id} ({@code /client}), or null. */
    public String startupId() {
        return startupId;
    }

    /** The token's {@code sub}. */
    public String userId() {
        return userId;
    }

    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    public boolean isClosed() {
        return closed;
    }

    public void seen() {
        lastSeenNanos = System.nanoTime();
    }

    /** When the peer last sent anything, a frame or a pong ({@link System#nanoTime}). */
    public long lastSeenNanos() {
        return lastSeenNanos;
    }

    /** Bytes handed to this connection and not yet written to its socket (any thread). */
    public long queuedBytes() {
        return queuedBytes;
    }

    // ---- writing ----

    /**
     * Sends a frame from any thread without waiting; takes over one reference of {@code frame}. A
     * connection whose queue is full is closed as a slow consumer.
     */
    public void send(ByteBuf frame) {
        if (!enqueue(frame)) {
            return;
        }
        if (eventLoop.inEventLoop()) {
            if (writeInLoop(frame)) {
                flushInLoop();
            }
        } else {
            eventLoop.execute(() -> {
                if (writeInLoop(frame)) {
                    flushInLoop();
                }
            });
        }
    }

    /**
     * Sends a frame, waiting up to {@code timeoutMillis} for room in the queue (replays: a client
     * that reads slowly slows its own replay down). Takes over one reference of {@code frame}.
     *
     * @return false if the connection is closed (then or meanwhile, also for being too slow)
     */
    public boolean sendWaiting(ByteBuf frame, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (!closed && (queuedBytes > queueLimit / 2 || !channel.isWritable())) {
            if (System.nanoTime() > deadline) {
                frame.release();
                closeSlow();
                return false;
            }
            LockSupport.parkNanos(500_000);
            if (Thread.interrupted()) {
                frame.release();
                throw new InterruptedException();
            }
        }
        if (closed) {
            frame.release();
            return false;
        }
        send(frame);
        return !closed;
    }

    /**
     * Accounts a frame that will be written on the event loop ({@link Outbound}); false (and the
     * frame released) if the connection is closed or its queue is over the limit.
     */
    boolean enqueue(ByteBuf frame) {
        if (closed) {
            frame.release();
            return false;
        }
        if (QUEUED.addAndGet(this, frame.readableBytes()) > queueLimit) {
            QUEUED.addAndGet(this, -frame.readableBytes());
            frame.release();
            closeSlow();
            return false;
        }
        return true;
    }

    /** Event loop only: writes an {@link #enqueue enqueued} frame without flushing; false if it was dropped. */
    boolean writeInLoop(ByteBuf frame) {
        QUEUED.addAndGet(this, -frame.readableBytes());
        if (closed) {
            frame.release();
            return false;
        }
        if (!channel.isWritable()) { // Netty holds more than the limit for this socket: the client does not read
            frame.release();
            closeSlow();
            return false;
        }
        if (direct) {
            // the frame is complete wire bytes: no handler of the pipeline has anything to do with it
            channel.unsafe().write(frame, channel.voidPromise());
        } else {
            channel.write(frame, channel.voidPromise());
        }
        return true;
    }

    /** Event loop only: pushes what was written to the socket. */
    void flushInLoop() {
        if (direct) {
            channel.unsafe().flush();
        } else {
            channel.flush();
        }
    }

    EventLoop eventLoop() {
        return eventLoop;
    }

    // ---- closing ----

    /** The client cannot keep up: closed with a resumable code, its memory released at once. */
    public void closeSlow() {
        if (!closed) {
            onSlow.run();
            close(CLOSE_SLOW_CONSUMER, "slow consumer: reconnect and resume from your last position");
        }
    }

    /**
     * Closes the connection (close frame, then the socket once the peer answers or after Vert.x'
     * closing timeout) and forgets the session at once.
     */
    public void close(int code, String reason) {
        if (markClosed()) {
            try {
                closer.close(code, reason);
            } catch (IllegalStateException alreadyClosed) {
                // the peer was faster
            }
        }
    }

    /**
     * Waits up to {@code millis} for the connection's socket to be closed (after {@link #close});
     * false if it is still open then.
     */
    public boolean awaitClosed(long millis) throws InterruptedException {
        return channel == null || channel.closeFuture().await(millis);
    }

    /** The socket closed (the peer closed it, or it failed): forget the session. */
    public void closedByPeer() {
        markClosed();
    }

    private boolean markClosed() {
        synchronized (this) {
            if (closed) {
                return false;
            }
            closed = true;
        }
        onClose.accept(this);
        return true;
    }
}
