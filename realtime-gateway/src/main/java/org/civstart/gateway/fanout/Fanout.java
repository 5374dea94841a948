package org.civstart.gateway.fanout;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.civstart.gateway.GatewayConfig;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.websockets.next.WebSocketConnection;
import io.vertx.core.Vertx;

/**
 * Who receives what. Sessions are registered in {@link RoutingTables} (admins, startups, one room
 * per startup, one set per user); {@link #dispatch} routes each event to the live sessions its
 * {@link Recipients} include and whose filter (saved preferences AND own subscribe) accepts it.
 * Everything that changes routing runs on the feed thread ({@link Feed#execute}), so the routing
 * tables need no locks and a session goes live exactly between two events.
 */
@ApplicationScoped
public class Fanout {

    private static final Logger LOG = Logger.getLogger(Fanout.class);

    @Inject
    Feed feed;

    @Inject
    Replays replays;

    @Inject
    GatewayConfig config;

    @Inject
    GatewayMetrics metrics;

    @Inject
    Vertx vertx;

    /** Lookup from any thread. */
    private final Map<String, Session> byConnection = new ConcurrentHashMap<>();
    /** Routing tables: feed thread only. */
    private final RoutingTables tables = new RoutingTables();
    /** Saved admin preferences: written by the feed thread. */
    private final Preferences preferences = new Preferences();

    // ---- connection lifecycle (WebSocket threads) ----

    public void open(WebSocketConnection connection, Session.Endpoint endpoint, String startupId, String userId, String position) {
        Session s = new Session(connection, endpoint, startupId, userId, config.outboundQueue(), metrics, position, this::forget);
        byConnection.put(connection.id(), s);
        metrics.opened(endpoint);
        feed.execute(() -> register(s));
    }

    public void closed(WebSocketConnection connection) {
        Session s = byConnection.get(connection.id());
        if (s != null) {
            s.setState(Session.State.CLOSED);
            forget(s);
        }
    }

    /** Drops a closed session from lookup and routing (once). */
    private void forget(Session s) {
        if (byConnection.remove(s.id(), s)) {
            metrics.closed(s.endpoint());
            feed.execute(() -> unregister(s));
        }
    }

    /**
     * A failure on the socket. A client message over the hard size limit
     * ({@code quarkus.websockets-next.server.max-message-size}) closes with 1009 (message too big);
     * anything else with 1011. Either way the client may reconnect and resume.
     */
    public void failed(WebSocketConnection connection, Throwable failure) {
        Session s = byConnection.get(connection.id());
        String message = String.valueOf(failure.getMessage());
        if (message.contains("max message size") || message.contains("max frame size")) {
            close(connection, s, Session.CLOSE_TOO_BIG, "message too big");
        } else {
            LOG.debugf(failure, "connection %s failed", connection.id());
            close(connection, s, 1011, "internal error: reconnect and resume");
        }
    }

    private static void close(WebSocketConnection connection, Session s, int code, String reason) {
        if (s != null) {
            s.close(code, reason);
        } else if (!connection.isClosed()) {
            connection.close(new io.quarkus.websockets.next.CloseReason(code, reason)).subscribe().with(ok -> { }, f -> { });
        }
    }

    public void seen(WebSocketConnection connection) {
        Session s = byConnection.get(connection.id());
        if (s != null) {
            s.seen();
        }
    }

    /** A client frame: {@code resume}, {@code subscribe} or {@code ping}. Bad frames get an error frame, nothing else. */
    public void onClientFrame(WebSocketConnection connection, String text) {
        Session s = byConnection.get(connection.id());
        if (s == null) {
            return;
        }
        s.seen();
        if (text.length() > config.maxClientFrame()) {
            s.send(Frames.error("frame-too-large", "client frames are limited to " + config.maxClientFrame() + " bytes"), null, null);
            return;
        }
        ClientOp op;
        try {
            op = ClientOp.parse(text, s.endpoint() == Session.Endpoint.ADMIN);
        } catch (ClientOp.Invalid e) {
            s.send(Frames.error(e.code, e.getMessage()), null, null);
            return;
        }
        feed.execute(() -> apply(s, op));
    }

    // ---- feed thread ----

    private void register(Session s) {
        if (s.isClosed()) {
            return;
        }
        if (s.endpoint() == Session.Endpoint.ADMIN) {
            s.saved(preferences.of(s.userId()));
        }
        tables.add(s);
        s.cursor = feed.headCopy();
        // A client that connects with ?position= is told that position back, never the head: a client
        // that adopted the head and lost the socket before the replay ended would skip the unsent part.
        boolean resuming = s.requestedPosition != null;
        // (an unreadable one is not echoed: the error frame and system:resyncRequired follow)
        String position = resuming ? (Position.isValid(s.requestedPosition) ? s.requestedPosition : null)
                : Position.encode(feed.layout(), s.cursor);
        s.send(Frames.system(Frames.WELCOME, position, new Welcome(s.id(), s.endpoint().name().toLowerCase(),
                s.startupId(), s.userId(), resuming ? WELCOME_RESUMING : WELCOME_LIVE)), null, null);
        if (resuming) {
            resume(s, s.requestedPosition);
        } else {
            vertx.setTimer(Math.max(1, config.resumeGrace().toMillis()), t -> feed.execute(() -> {
                if (s.transition(Session.State.HELD, Session.State.CATCHING_UP)) {
                    replays.catchUp(s, s.cursor, false);
                }
            }));
        }
    }

    private void unregister(Session s) {
        tables.remove(s);
    }

    private void apply(Session s, ClientOp op) {
        if (s.isClosed()) {
            return;
        }
        if (op instanceof ClientOp.Resume r) {
            resume(s, r.position());
        } else if (op instanceof ClientOp.Subscribe sub) {
            s.ownFilter(sub.filter());
            s.send(Frames.system(Frames.SUBSCRIBED, null, s.subscribed()), null, null);
            if (s.transition(Session.State.HELD, Session.State.CATCHING_UP)) {
                replays.catchUp(s, s.cursor, false);
            }
        } else if (op instanceof ClientOp.Ping) {
            // a live connection's position is the feed's; others are still catching up
            String position = s.state() == Session.State.LIVE ? feed.headPosition() : null;
            s.send(Frames.system(Frames.HEARTBEAT, position, Map.of()), null, null);
        }
    }

    private void resume(Session s, String token) {
        if (!s.transition(Session.State.HELD, Session.State.CATCHING_UP)) {
            s.send(Frames.error("resume-not-allowed",
                    "resume must be the first operation of a connection (or pass ?position= when connecting)"), null, null);
            return;
        }
        Map<TopicPartition, Long> offsets;
        try {
            offsets = Position.decode(token);
        } catch (IllegalArgumentException e) {
            s.send(Frames.error("invalid-position", e.getMessage()), null, null);
            resync(s, "the position could not be read");
            return;
        }
        replays.catchUp(s, feed.vectorOf(offsets), true);
    }

    /** Routes one live event. */
    void dispatch(GatewayEvent e) {
        List<String> names = e.type().webSocketNames();
        tables.forEachRecipient(e.recipients(), s -> {
            if (s.state() != Session.State.LIVE) {
                return;
            }
            for (int i = 0; i < names.size(); i++) {
                if (s.accepts(names.get(i), e)) {
                    s.send(e.liveFrames().get(i), names.get(i), e.time());
                }
            }
        });
    }

    /**
     * A record of the preferences topic (feed thread): remember it and, when live, apply it at once
     * to the admin's open connections, which are told their new filter with {@code system:subscribed}.
     */
    void preferencesRecord(ConsumerRecord<String, String> r, boolean live) {
        String userId = preferences.apply(r);
        if (userId == null || !live) {
            return;
        }
        Preferences.Saved saved = preferences.of(userId);
        for (Session s : tables.ofUser(userId)) {
            if (s.endpoint() == Session.Endpoint.ADMIN && !s.isClosed()) {
                s.saved(saved);
                s.send(Frames.system(Frames.SUBSCRIBED, null, s.subscribed()), null, null);
            }
        }
    }

    /**
     * A replay caught up to within a few events of the head: send the rest from memory and go
     * live, on the feed thread, so no event falls between replay and live delivery.
     */
    void handoff(Session s, long[] cursor, long replayed, boolean resumed, String outcome) {
        if (s.isClosed()) {
            return;
        }
        Layout layout = feed.layout();
        for (int p = 0; p < layout.size(); p++) {
            if (cursor[p] < feed.history(p).oldest()) {
                replays.catchUp(s, cursor, resumed); // evicted meanwhile: one more round through Kafka
                return;
            }
        }
        long sent = replayed;
        try {
            sent += Replays.deliverFromMemory(s, cursor, feed, Integer.MAX_VALUE, (frame, name) -> {
                s.send(frame, name, null);
                return true;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (s.transition(Session.State.CATCHING_UP, Session.State.LIVE) && resumed) {
            metrics.resumed(outcome);
            s.send(Frames.system(Frames.RESUMED, feed.headPosition(), new Resumed(sent, outcome)), null, null);
        }
    }

    /** The client cannot be brought up to date from Kafka: it must refetch over REST, then go on live. */
    void resync(Session s, String reason) {
        if (s.isClosed()) {
            return;
        }
        metrics.resumed("resync");
        s.send(Frames.system(Frames.RESYNC_REQUIRED, feed.headPosition(), Map.of("reason", reason)), null, null);
        s.setState(Session.State.LIVE);
    }

    @Scheduled(every = "${gateway.heartbeat-interval:25s}", delayed = "5s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        if (!feed.isConsuming()) {
            return;
        }
        long deadNanos = config.deadPeerTimeout().toNanos();
        feed.execute(() -> {
            String frame = Frames.system(Frames.HEARTBEAT, feed.headPosition(), Map.of());
            for (Session s : tables.all()) {
                if (s.idleNanos() > deadNanos) {
                    LOG.debugf("closing %s: no pong or frame for %s", s.id(), config.deadPeerTimeout());
                    metrics.deadPeerClosed(s.endpoint());
                    s.close(Session.CLOSE_DEAD_PEER, "no pong: connection presumed dead");
                } else if (s.state() == Session.State.LIVE) {
                    s.send(frame, null, null);
                }
            }
        });
    }

    /** The feed stopped: clients reconnect (to another replica) and resume. */
    void closeAll() {
        for (Session s : new HashSet<>(byConnection.values())) {
            s.close(Session.CLOSE_GOING_AWAY, "gateway stopping: reconnect and resume");
        }
    }

    public int sessionCount() {
        return byConnection.size();
    }

    /** Test support: the session of a connection id. */
    public Session session(String connectionId) {
        return byConnection.get(connectionId);
    }

    private static final String WELCOME_LIVE = "send {\"op\":\"resume\",\"position\":…} first to receive what you missed";
    private static final String WELCOME_RESUMING = "resuming from the position you connected with: what you missed follows, then system:resumed";

    /** {@code system:welcome} data; {@code userId} is the token's {@code sub}. */
    public record Welcome(String connectionId, String endpoint, String startupId, String userId, String resume) {
    }

    public record Resumed(long replayed, String source) {
    }
}
