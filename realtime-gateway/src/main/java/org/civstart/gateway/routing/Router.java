package org.civstart.gateway.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;
import org.civstart.events.Topic;
import org.civstart.gateway.GatewayConfig;
import org.civstart.gateway.GatewayMetrics;
import org.civstart.gateway.feed.Feed;
import org.civstart.gateway.feed.FeedListener;
import org.civstart.gateway.feed.GatewayEvent;
import org.civstart.gateway.feed.Position;
import org.civstart.gateway.protocol.ClientOp;
import org.civstart.gateway.protocol.Frames;
import org.civstart.gateway.session.Endpoint;
import org.civstart.gateway.session.Outbound;
import org.civstart.gateway.session.Session;
import org.civstart.gateway.session.WireFrames;
import org.civstart.observability.EventTraces;
import org.jboss.logging.Logger;

import io.netty.buffer.ByteBuf;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Who receives what. The feed hands every event here ({@link FeedListener}); connections are
 * registered in {@link RoutingTables}, and each event goes to the live connections its
 * {@link Recipients} include and whose filter (saved preferences AND own subscribe) accepts it —
 * written in bulk through {@link Outbound}, each event's frame encoded once and shared. Everything
 * that changes routing runs on the feed thread ({@link Feed#execute}), so the tables need no locks
 * and a connection goes live exactly between two events.
 */
@ApplicationScoped
public class Router implements FeedListener {

    private static final Logger LOG = Logger.getLogger(Router.class);
    private static final AttributeKey<Long> FRAMES = AttributeKey.longKey("civstart.gateway.frames");
    private static final String WELCOME_LIVE =
            "send {\"op\":\"resume\",\"position\":…} first to receive what you missed";
    private static final String WELCOME_RESUMING =
            "resuming from the position you connected with: what you missed follows, then system:resumed";

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

    @Inject
    Tracer tracer;

    /** How long a stopping replica waits for its clients to close after 1001. */
    static final long GOING_AWAY_WAIT_MILLIS = 3000;

    /** Lookup by connection id, from any thread. */
    private final Map<String, Subscription> byId = new ConcurrentHashMap<>();
    /** Feed thread only. */
    private final RoutingTables tables = new RoutingTables();

    private final Preferences preferences = new Preferences();
    private final Outbound outbound = new Outbound();
    private final Dispatch dispatch = new Dispatch();
    /** Commit times (µs) of the events written in the current batch: their latency is recorded once written. */
    private long[] batchTimes = new long[1024];
    /** When each of them was routed ({@link System#nanoTime}): the gateway's own share of that latency. */
    private long[] batchRouted = new long[1024];

    private int batchEvents;
    /** The spans of the traced events among them, ended once their frames are written. */
    private final List<Span> batchSpans = new ArrayList<>();
    /** When the oldest write still held was routed (0: none held). */
    private long firstHeldNanos;

    private long flushDelayNanos;

    @PostConstruct
    void init() {
        flushDelayNanos = config.flushDelay().toNanos();
    }
    // ---- connection lifecycle (event-loop threads) ----

    /** A connection was accepted: welcome it and, between two events, register it. */
    public Subscription open(Session s, String requestedPosition) {
        Subscription sub = new Subscription(s, requestedPosition);
        byId.put(s.id(), sub);
        metrics.opened(s.endpoint());
        feed.execute(() -> register(sub));
        return sub;
    }

    /** The session closed (either side, any reason): forget it. Called once per session. */
    public void forget(Session s) {
        Subscription sub = byId.remove(s.id());
        if (sub != null) {
            sub.setState(Subscription.State.CLOSED);
            metrics.closed(s.endpoint());
            feed.execute(() -> tables.remove(sub));
        }
    }

    /** A client frame: {@code resume}, {@code subscribe} or {@code ping}. Bad frames get an error frame, nothing else. */
    public void onClientFrame(Subscription sub, String text) {
        Session s = sub.session();
        s.seen();
        if (text.length() > config.maxClientFrame()) {
            send(
                    s,
                    Frames.error(
                            "frame-too-large", "client frames are limited to " + config.maxClientFrame() + " bytes"));
            return;
        }
        ClientOp op;
        try {
            op = ClientOp.parse(text, s.endpoint() == Endpoint.ADMIN);
        } catch (ClientOp.Invalid e) {
            send(s, Frames.error(e.code(), e.getMessage()));
            return;
        }
        feed.execute(() -> apply(sub, op));
    }

    private static void send(Session s, String json) {
        s.send(WireFrames.text(json));
    }

    // ---- feed thread: registration and client operations ----

    private void register(Subscription sub) {
        Session s = sub.session();
        if (sub.isClosed()) {
            return;
        }
        if (s.endpoint() == Endpoint.ADMIN) {
            sub.saved(preferences.of(s.userId()));
        }
        tables.add(sub);
        sub.cursor = feed.headCopy();
        // A client that connects with ?position= is told that position back, never the head: a client
        // that adopted the head and lost the socket before the replay ended would skip the unsent part.
        // (an unreadable one is not echoed: the error frame and system:resyncRequired follow)
        boolean resuming = sub.requestedPosition != null;
        String position = resuming
                ? (Position.isValid(sub.requestedPosition) ? sub.requestedPosition : null)
                : Position.encode(feed.layout(), sub.cursor);
        send(
                s,
                Frames.system(
                        Frames.WELCOME,
                        position,
                        new Welcome(
                                s.id(),
                                s.endpoint().label(),
                                s.startupId(),
                                s.userId(),
                                resuming ? WELCOME_RESUMING : WELCOME_LIVE)));
        if (resuming) {
            resume(sub, sub.requestedPosition);
        } else {
            vertx.setTimer(
                    Math.max(1, config.resumeGrace().toMillis()),
                    t -> feed.execute(() -> {
                        if (sub.transition(Subscription.State.HELD, Subscription.State.CATCHING_UP)) {
                            replays.catchUp(sub, sub.takeCursor(), false);
                        }
                    }));
        }
    }

    private void apply(Subscription sub, ClientOp op) {
        if (sub.isClosed()) {
            return;
        }
        if (op instanceof ClientOp.Resume r) {
            resume(sub, r.position());
        } else if (op instanceof ClientOp.Subscribe f) {
            sub.ownFilter(Filter.of(f.events(), f.startups(), f.signals()));
            send(sub.session(), Frames.system(Frames.SUBSCRIBED, null, sub.subscribed()));
            if (sub.transition(Subscription.State.HELD, Subscription.State.CATCHING_UP)) {
                replays.catchUp(sub, sub.takeCursor(), false);
            }
        } else if (op instanceof ClientOp.Ping) {
            // a live connection's position is the feed's; others are still catching up
            String position = sub.state() == Subscription.State.LIVE ? feed.headPosition() : null;
            send(sub.session(), Frames.system(Frames.HEARTBEAT, position, Map.of()));
        }
    }

    private void resume(Subscription sub, String token) {
        if (!sub.transition(Subscription.State.HELD, Subscription.State.CATCHING_UP)) {
            send(
                    sub.session(),
                    Frames.error(
                            "resume-not-allowed",
                            "resume must be the first operation of a connection (or pass ?position= when connecting)"));
            return;
        }
        sub.takeCursor(); // the resume's own position replaces the connect-time one
        Map<TopicPartition, Long> offsets;
        try {
            offsets = Position.decode(token);
        } catch (IllegalArgumentException e) {
            send(sub.session(), Frames.error("invalid-position", e.getMessage()));
            resync(sub, "the position could not be read");
            return;
        }
        replays.catchUp(sub, feed.vectorOf(offsets), true);
    }

    // ---- feed thread: live delivery ----

    /**
     * Routes one live event: its frames are encoded at most once each, when a first recipient wants them.
     * An event that carries a trace ({@code ce_traceparent}) is routed inside a span of that trace, which
     * ends when its frames are on the sockets ({@code civstart.gateway.frames}: how many).
     */
    @Override
    public void onEvent(GatewayEvent e) {
        Span span = e.traceparent() == null
                ? null
                : EventTraces.start(
                        tracer,
                        "route " + e.type().type(),
                        SpanKind.CONSUMER,
                        e.traceparent(),
                        e.id(),
                        e.type().type(),
                        e.type().topic().topicName());
        long routedNanos = System.nanoTime();
        dispatch.start(e);
        tables.forEachRecipient(Recipients.of(e), dispatch);
        int frames = dispatch.finish();
        if (span != null) {
            span.setAttribute(FRAMES, frames);
        }
        if (frames > 0) {
            if (batchEvents == batchTimes.length) {
                batchTimes = Arrays.copyOf(batchTimes, batchEvents * 2);
                batchRouted = Arrays.copyOf(batchRouted, batchEvents * 2);
            }
            batchRouted[batchEvents] = routedNanos;
            batchTimes[batchEvents++] = micros(e.time());
            if (span != null) {
                batchSpans.add(span);
            }
        } else if (span != null) {
            span.end();
        }
    }

    /**
     * One event's delivery to its recipients (one instance, reused: nothing allocated per recipient).
     * Connections with the same filters (shared instances, {@link Filter#of}) follow one another in
     * the tables, so the filters' verdict on the event is computed once per run of them.
     */
    private final class Dispatch implements Consumer<Subscription> {
        private GatewayEvent event;
        private List<String> names;
        private final ByteBuf[] frames = new ByteBuf[4];
        private final int[] counts = new int[4];
        private final boolean[] verdicts = new boolean[4];
        private boolean judged;
        private Preferences.Saved judgedSaved;
        private Filter judgedOwn;

        void start(GatewayEvent e) {
            event = e;
            names = e.type().webSocketNames();
            judged = false;
        }

        @Override
        public void accept(Subscription sub) {
            if (sub.state() != Subscription.State.LIVE) {
                return;
            }
            Preferences.Saved saved = sub.saved();
            Filter own = sub.own();
            if (!judged || saved != judgedSaved || own != judgedOwn) {
                for (int i = 0; i < names.size(); i++) {
                    verdicts[i] = Subscription.accepts(saved, own, names.get(i), event);
                }
                judged = true;
                judgedSaved = saved;
                judgedOwn = own;
            }
            for (int i = 0; i < names.size(); i++) {
                if (verdicts[i]) {
                    if (frames[i] == null) {
                        frames[i] = WireFrames.text(Frames.event(
                                names.get(i),
                                event.id(),
                                feed.headPosition(),
                                event.time(),
                                event.actor(),
                                event.correlationId(),
                                event.data()));
                    }
                    if (outbound.add(sub.session(), frames[i])) {
                        counts[i]++;
                    }
                }
            }
        }

        /** Releases the shared frames (the writes hold their own references); returns the frames queued. */
        int finish() {
            int total = 0;
            for (int i = 0; i < names.size(); i++) {
                if (frames[i] != null) {
                    frames[i].release();
                    frames[i] = null;
                }
                if (counts[i] > 0) {
                    metrics.framesOut(event.type(), i, counts[i]);
                    total += counts[i];
                    counts[i] = 0;
                }
            }
            event = null;
            judgedSaved = null;
            judgedOwn = null;
            return total;
        }
    }

    /**
     * After each poll: once the oldest routed frame waited {@code flush-delay}, every event loop gets
     * its writes (frames of one connection leave together); latency is recorded once they are written.
     */
    @Override
    public void onBatchEnd() {
        if (!outbound.isEmpty()) {
            long now = System.nanoTime();
            if (firstHeldNanos == 0) {
                firstHeldNanos = now;
            }
            if (now - firstHeldNanos < flushDelayNanos) {
                return;
            }
        }
        flush();
    }

    @Override
    public long nanosUntilWrite() {
        return outbound.isEmpty() ? -1 : Math.max(0, firstHeldNanos + flushDelayNanos - System.nanoTime());
    }

    /** Writes everything routed so far. */
    private void flush() {
        firstHeldNanos = 0;
        if (batchEvents == 0) {
            outbound.flush(n -> {});
            return;
        }
        long[] times = Arrays.copyOf(batchTimes, batchEvents);
        long[] routed = Arrays.copyOf(batchRouted, batchEvents);
        batchEvents = 0;
        List<Span> spans = batchSpans.isEmpty() ? List.of() : List.copyOf(batchSpans);
        batchSpans.clear();
        outbound.flush(n -> {
            long now = micros(Instant.now());
            long nowNanos = System.nanoTime();
            for (int i = 0; i < times.length; i++) {
                metrics.delivered(now - times[i], (nowNanos - routed[i]) / 1000);
            }
            for (Span span : spans) {
                span.end();
            }
        });
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    /**
     * A record of a compacted topic. Saved preferences are remembered and, when live, applied at once
     * to the admin's open connections, which are told their new filter with {@code system:subscribed}.
     */
    @Override
    public void onState(Topic topic, String key, String value, String userIdHeader, boolean live) {
        if (topic != Topic.PREFERENCES) {
            return;
        }
        String userId = preferences.apply(key, value, userIdHeader);
        if (userId == null || !live) {
            return;
        }
        Preferences.Saved saved = preferences.of(userId);
        for (Subscription sub : tables.ofUser(userId)) {
            if (sub.session().endpoint() == Endpoint.ADMIN && !sub.isClosed()) {
                sub.saved(saved);
                send(sub.session(), Frames.system(Frames.SUBSCRIBED, null, sub.subscribed()));
            }
        }
    }

    // ---- feed thread: the end of a replay ----

    /**
     * A replay caught up to within a few events of the head: send the rest from memory and go live,
     * on the feed thread, so no event falls between replay and live delivery.
     */
    void handoff(Subscription sub, long[] cursor, long replayed, boolean resumed, String outcome) {
        if (sub.isClosed()) {
            return;
        }
        long fromMemory = Replays.deliverFromMemory(
                sub,
                cursor,
                feed,
                Integer.MAX_VALUE,
                frame -> {
                    sub.session().send(frame);
                    return true;
                },
                metrics);
        if (fromMemory == Replays.EVICTED) {
            // evicted meanwhile: one more round through Kafka, still counting what was sent so far
            replays.catchUp(sub, cursor, resumed, replayed, outcome);
            return;
        }
        long sent = replayed + fromMemory;
        if (sub.transition(Subscription.State.CATCHING_UP, Subscription.State.LIVE) && resumed) {
            metrics.resumed(outcome);
            send(sub.session(), Frames.system(Frames.RESUMED, feed.headPosition(), new Resumed(sent, outcome)));
        }
    }

    /** The client cannot be brought up to date from Kafka: it must refetch over REST, then go on live. */
    void resync(Subscription sub, String reason) {
        if (sub.isClosed()) {
            return;
        }
        metrics.resumed("resync");
        send(sub.session(), Frames.system(Frames.RESYNC_REQUIRED, feed.headPosition(), Map.of("reason", reason)));
        sub.setState(Subscription.State.LIVE);
    }

    // ---- keep-alive: pings, heartbeats, dead peers, expired tokens ----

    /** How often the keep-alive sweep runs; each run handles the connections whose turn it is. */
    static final long SWEEP_MILLIS = 500;
    /** Sweeps so far (feed thread only). */
    private long sweeps;

    void startSweeps(@Observes StartupEvent ignored) {
        vertx.setPeriodic(SWEEP_MILLIS, SWEEP_MILLIS, id -> feed.execute(this::sweep));
    }

    /**
     * Keep-alive, spread over time (feed thread, every {@link #SWEEP_MILLIS}): each connection gets a
     * WebSocket ping once per {@code ping-interval} and, while live, a {@code system:heartbeat} with the
     * head position once per {@code heartbeat-interval}, in the sweeps its slot falls on. 10,000
     * connections thus cost a few hundred writes per sweep rather than 10,000 at once, which would hold
     * every event loop — and the events queued behind it — for tens of milliseconds. Every sweep
     * closes the connections that answered nothing for {@code dead-peer-timeout} (4001) and those whose
     * token expired (1008, "Authentication expired": reconnect with a fresh token and resume).
     */
    void sweep() {
        long turn = sweeps++;
        int pingTurns = turns(config.pingInterval());
        int pingTurn = (int) (turn % pingTurns);
        int heartbeatTurns = turns(config.heartbeatInterval());
        int heartbeatTurn = (int) (turn % heartbeatTurns);
        long now = System.currentTimeMillis();
        long silentSince = System.nanoTime() - config.deadPeerTimeout().toNanos();
        ByteBuf ping = WireFrames.ping();
        ByteBuf heartbeat = feed.isConsuming()
                ? WireFrames.text(Frames.system(Frames.HEARTBEAT, feed.headPosition(), Map.of()))
                : null;
        tables.forEach(sub -> {
            Session s = sub.session();
            long expires = s.expiresAtMillis();
            if (expires > 0 && expires <= now) {
                s.close(Session.CLOSE_POLICY, "Authentication expired");
            } else if (s.lastSeenNanos() - silentSince < 0) {
                LOG.debugf("closing %s: no pong or frame for %s", s.id(), config.deadPeerTimeout());
                metrics.deadPeerClosed(s.endpoint());
                s.close(Session.CLOSE_DEAD_PEER, "no pong: connection presumed dead");
            } else {
                if (sub.slot() % pingTurns == pingTurn) {
                    outbound.add(s, ping);
                }
                if (heartbeat != null
                        && sub.state() == Subscription.State.LIVE
                        && sub.slot() % heartbeatTurns == heartbeatTurn) {
                    outbound.add(s, heartbeat);
                }
            }
        });
        ping.release();
        if (heartbeat != null) {
            heartbeat.release();
        }
        flush();
    }

    private static int turns(Duration interval) {
        return (int) Math.max(1, interval.toMillis() / SWEEP_MILLIS);
    }

    /**
     * A stopping replica tells every client "going away" (1001: reconnect, to another replica, and
     * resume at once) before Quarkus stops the HTTP server, which would close the remaining sockets
     * with a plain 1000; it waits up to {@link #GOING_AWAY_WAIT_MILLIS} for the sockets to close.
     * {@code ShutdownDelayInitiatedEvent} (with {@code quarkus.shutdown.delay-enabled}) comes first in
     * Quarkus' shutdown, before the HTTP server and the {@code ShutdownEvent} observers.
     */
    void goingAway(@Observes ShutdownDelayInitiatedEvent ignored) {
        List<Subscription> open = new ArrayList<>(byId.values());
        for (Subscription sub : open) {
            sub.session().close(Session.CLOSE_GOING_AWAY, "gateway stopping: reconnect and resume");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GOING_AWAY_WAIT_MILLIS);
        try {
            for (Subscription sub : open) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0 || !sub.session().awaitClosed(left)) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.infof("stopping: %d connections told to reconnect elsewhere (1001)", open.size());
    }

    /** The feed stopped: clients reconnect (to another replica) and resume. */
    @Override
    public void onStopped() {
        for (Subscription sub : new ArrayList<>(byId.values())) {
            sub.session().close(Session.CLOSE_GOING_AWAY, "gateway stopping: reconnect and resume");
        }
    }

    public int connectionCount() {
        return byId.size();
    }

    /** Test support: the connection with this id ({@code system:welcome}'s {@code connectionId}), or null. */
    public Subscription subscription(String connectionId) {
        return byId.get(connectionId);
    }

    /** {@code system:welcome} data; {@code userId} is the token's {@code sub}. */
    public record Welcome(String connectionId, String endpoint, String startupId, String userId, String resume) {}

    public record Resumed(long replayed, String source) {}
}
