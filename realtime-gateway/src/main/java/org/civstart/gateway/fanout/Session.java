package org.civstart.gateway.fanout;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.civstart.events.payload.AdminPreferencesData;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;

/**
 * One WebSocket connection: who it is (endpoint, startup room, user), what it wants (its own filter
 * and, for an admin, the preferences the admin saved), where it
 * is in the stream (cursor, while not live) and its bounded outbound queue.
 *
 * <p>States: {@code HELD} (just connected, waiting briefly for a resume), {@code CATCHING_UP}
 * (a replay sends what it missed, from memory or Kafka), {@code LIVE} (the feed delivers each event
 * as it is consumed; its position is the feed's), {@code CLOSED}.
 */
public final class Session {

    public enum Endpoint { ADMIN, CLIENT }

    public enum State { HELD, CATCHING_UP, LIVE, CLOSED }

    /** Close codes (4000-4999 are the application's). Every close invites a reconnect with resume. */
    public static final int CLOSE_SLOW_CONSUMER = 4008;
    public static final int CLOSE_DEAD_PEER = 4001;
    public static final int CLOSE_GOING_AWAY = 1001;
    public static final int CLOSE_TOO_BIG = 1009;

    private final WebSocketConnection connection;
    private final Endpoint endpoint;
    private final String startupId;
    private final String userId;
    private final Semaphore credits;
    private final GatewayMetrics metrics;
    private final java.util.function.Consumer<Session> forget;
    private final AtomicReference<State> state = new AtomicReference<>(State.HELD);
    /** The connection's own {@code subscribe}. */
    private volatile Filter own = Filter.ALL;
    /** The admin's saved preferences (admins only), or null. */
    private volatile Preferences.Saved saved;
    private volatile long lastSeenNanos = System.nanoTime();
    /** Next offset per partition; meaningful while HELD or CATCHING_UP (then owned by one thread). */
    long[] cursor;
    /** The position token requested at connect ({@code ?position=}), or null. */
    final String requestedPosition;

    Session(WebSocketConnection connection, Endpoint endpoint, String startupId, String userId, int queue,
            GatewayMetrics metrics, String requestedPosition, java.util.function.Consumer<Session> forget) {
        this.forget = forget;
        this.connection = connection;
        this.endpoint = endpoint;
        this.startupId = startupId;
        this.userId = userId;
        this.credits = new Semaphore(queue);
        this.metrics = metrics;
        this.requestedPosition = requestedPosition;
    }

    public String id() {
        return connection.id();
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public String startupId() {
        return startupId;
    }

    /** The token's {@code sub}. */
    public String userId() {
        return userId;
    }

    public State state() {
        return state.get();
    }

    boolean transition(State from, State to) {
        return state.compareAndSet(from, to);
    }

    void setState(State s) {
        state.set(s);
    }

    /** The connection's own filter ({@code subscribe}). */
    public Filter ownFilter() {
        return own;
    }

    void ownFilter(Filter f) {
        this.own = f;
    }

    Preferences.Saved saved() {
        return saved;
    }

    void saved(Preferences.Saved preferences) {
        this.saved = preferences;
    }

    /** Whether the client wants this event under this name: its saved preferences and its own filter both accept it. */
    boolean accepts(String eventName, GatewayEvent e) {
        Preferences.Saved p = saved;
        return (p == null || p.filter().accepts(eventName, e)) && own.accepts(eventName, e);
    }

    /** The {@code system:subscribed} data: the filter in force (saved AND own) and the saved preferences. */
    Subscribed subscribed() {
        Preferences.Saved p = saved;
        Filter effective = p == null ? own : Filter.intersect(p.filter(), own);
        return effective == null
                ? new Subscribed(List.of(), Set.of(), Set.of(), p.data(), true)
                : new Subscribed(effective.events(), effective.startups(), effective.signals(), p == null ? null : p.data(), false);
    }

    /**
     * {@code {"events":[…],"startups":[…],"signals":[…],"saved":{…}|null}}; {@code matchesNothing}
     * (only when true) says the saved preferences and the connection's filter have nothing in common.
     */
    public record Subscribed(List<String> events, Set<String> startups, Set<String> signals,
            AdminPreferencesData saved,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean matchesNothing) {
    }

    void seen() {
        lastSeenNanos = System.nanoTime();
    }

    long idleNanos() {
        return System.nanoTime() - lastSeenNanos;
    }

    public boolean isClosed() {
        return state.get() == State.CLOSED || connection.isClosed();
    }

    /**
     * Queues a frame without waiting. A client whose queue is full is closed with a resumable
     * code: memory stays bounded and the client resumes from its last position.
     *
     * @param eventTime for the delivery latency metric; null for frames that are not live events
     */
    void send(String frame, String eventName, Instant eventTime) {
        if (!credits.tryAcquire()) {
            closeSlow();
            return;
        }
        write(frame, eventName, eventTime);
    }

    /** Queues a frame, waiting for room up to {@code timeoutMillis} (replays); false if the client was closed. */
    boolean sendWaiting(String frame, String eventName, long timeoutMillis) throws InterruptedException {
        if (!credits.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS)) {
            closeSlow();
            return false;
        }
        write(frame, eventName, null);
        return true;
    }

    private void write(String frame, String eventName, Instant eventTime) {
        connection.sendText(frame).subscribe().with(ok -> {
            credits.release();
            metrics.frameWritten(eventName, eventTime);
        }, failure -> credits.release());
    }

    void closeSlow() {
        if (state.getAndSet(State.CLOSED) != State.CLOSED) {
            metrics.slowClientClosed(endpoint);
            close(CLOSE_SLOW_CONSUMER, "slow consumer: reconnect and resume from your last position");
        }
    }

    /**
     * Closes the connection and forgets the session at once: its routing entries and cursor are
     * released now, even if the peer never answers the close (its socket then ends with the HTTP
     * idle timeout).
     */
    void close(int code, String reason) {
        state.set(State.CLOSED);
        forget.accept(this);
        if (!connection.isClosed()) {
            connection.close(new CloseReason(code, reason)).subscribe().with(ok -> { }, failure -> { });
        }
    }

    /** Frames queued and not yet written (for tests and metrics). */
    int pending(int queue) {
        return queue - credits.availablePermits();
    }
}
