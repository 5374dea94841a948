package org.civstart.gateway.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.civstart.gateway.GatewayConfig;
import org.civstart.gateway.GatewayMetrics;
import org.civstart.gateway.feed.Backlog;
import org.civstart.gateway.feed.Feed;
import org.civstart.gateway.feed.GatewayEvent;
import org.civstart.gateway.feed.Layout;
import org.civstart.gateway.feed.Position;
import org.civstart.gateway.protocol.Frames;
import org.civstart.gateway.session.Session;
import org.civstart.gateway.session.WireFrames;
import org.jboss.logging.Logger;

import io.netty.buffer.ByteBuf;

/**
 * Brings a connection from its cursor up to the live head: older gaps are read back from Kafka
 * ({@link Backlog}, at most {@code replay-concurrency} at once), recent ones from the partition
 * histories in memory; then {@link Router#handoff} finishes on the feed thread. If Kafka no longer
 * holds what the client missed, the client is told {@code system:resyncRequired}. The same audience
 * rule ({@link Recipients}) and filter as live delivery decide what is sent. Frames of one
 * partition go out in offset order (the order of an aggregate's commits); partitions are merged by
 * event time. A slow client stalls only its own replay, and is closed (resumable) if it stalls too long.
 */
@ApplicationScoped
public class Replays {

    private static final Logger LOG = Logger.getLogger(Replays.class);
    /** A replay hands off to the feed thread once it is this close to the head. */
    private static final int HANDOFF_GAP = 64;
    /** What {@link #deliverFromMemory} returns when the feed evicted events the cursor still needs. */
    static final long EVICTED = -1;

    @Inject
    Feed feed;

    @Inject
    Router router;

    @Inject
    GatewayConfig config;

    @Inject
    GatewayMetrics metrics;

    private ThreadPoolExecutor workers;
    private Semaphore kafkaPermits;

    @PostConstruct
    void init() {
        AtomicInteger n = new AtomicInteger();
        workers = new ThreadPoolExecutor(16, 16, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "gateway-replay-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        workers.allowCoreThreadTimeOut(true);
        kafkaPermits = new Semaphore(config.replayConcurrency());
    }

    @PreDestroy
    void shutdown() {
        workers.shutdownNow();
    }

    /**
     * Starts bringing {@code sub} from {@code cursor} (its own copy) to live. Called on the feed thread:
     * when memory holds the whole gap and it is short (a new connection, a quick reconnect), the rest is
     * sent right here and the connection goes live at once; longer gaps go to a replay worker.
     */
    void catchUp(Subscription sub, long[] cursor, boolean resumed) {
        catchUp(sub, cursor, resumed, 0, "memory");
    }

    /**
     * The same, for a catch-up that goes on after earlier rounds (the hand-off found memory evicted):
     * {@code replayed} frames were already sent from {@code source}, and {@code system:resumed} counts them too.
     */
    void catchUp(Subscription sub, long[] cursor, boolean resumed, long replayed, String source) {
        long[] own = cursor.clone();
        if (behindMemory(own).isEmpty() && gap(own) <= HANDOFF_GAP) {
            router.handoff(sub, own, replayed, resumed, source);
            return;
        }
        workers.execute(() -> run(sub, own, resumed, replayed, source));
    }

    private void run(Subscription sub, long[] cursor, boolean resumed, long replayed, String source) {
        long sent = replayed;
        String outcome = source;
        long timeout = config.replaySendTimeout().toMillis();
        Sender sender = frame -> sub.session().sendWaiting(frame, timeout);
        try {
            for (int round = 0; round < 10_000; round++) {
                if (sub.isClosed()) {
                    return;
                }
                List<Integer> behind = behindMemory(cursor);
                if (!behind.isEmpty()) {
                    outcome = "kafka";
                    Long fromKafka = fromKafka(sub, cursor, behind, sender);
                    if (fromKafka == null) {
                        feed.execute(
                                () -> router.resync(sub, "the events you missed are older than Kafka's retention"));
                        return;
                    }
                    sent += fromKafka;
                    continue;
                }
                long fromMemory = deliverFromMemory(sub, cursor, feed, 512, sender, metrics);
                if (fromMemory == EVICTED) {
                    continue; // the feed evicted what the cursor needs since behindMemory looked: Kafka has it
                }
                sent += fromMemory;
                if (gap(cursor) <= HANDOFF_GAP) {
                    break;
                }
            }
            long total = sent;
            String how = outcome;
            feed.execute(() -> router.handoff(sub, cursor, total, resumed, how));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf(e, "replay for %s failed", sub.session().id());
            sub.session().close(Session.CLOSE_INTERNAL, "resume failed: reconnect and resume again");
        }
    }

    private List<Integer> behindMemory(long[] cursor) {
        List<Integer> behind = new ArrayList<>();
        for (int p = 0; p < cursor.length; p++) {
            if (cursor[p] < feed.history(p).oldest()) {
                behind.add(p);
            }
        }
        return behind;
    }

    private long gap(long[] cursor) {
        long gap = 0;
        for (int p = 0; p < cursor.length; p++) {
            gap += Math.max(0, feed.history(p).next() - cursor[p]);
        }
        return gap;
    }

    /** @return frames sent, or null if a needed offset is no longer in Kafka */
    private Long fromKafka(Subscription sub, long[] cursor, List<Integer> behind, Sender sender)
            throws InterruptedException {
        if (!kafkaPermits.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("too many replays from Kafka at once");
        }
        try (Backlog backlog =
                Backlog.open(feed, "gateway-replay-" + sub.session().id(), cursor, behind)) {
            if (backlog == null) {
                return null;
            }
            long sent = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (backlog.hasMore()) {
                if (sub.isClosed()) {
                    return sent;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("replay from Kafka did not finish in time");
                }
                Backlog.Batch batch = backlog.next(Duration.ofMillis(200));
                if (batch == null) {
                    return null;
                }
                sent += merge(sub, batch.events(), cursor, feed.layout(), sender, metrics);
                batch.skipTo().forEach((p, boundary) -> cursor[p] = Math.max(cursor[p], boundary));
            }
            return sent;
        } finally {
            kafkaPermits.release();
        }
    }

    /** Sends one frame (taking over its reference); false if the client is gone. */
    @FunctionalInterface
    interface Sender {
        boolean send(ByteBuf frame) throws InterruptedException;
    }

    /**
     * Delivers what memory holds from the cursor (at most {@code max} per partition), advancing it;
     * {@link #EVICTED} (nothing sent, the cursor unchanged) when memory no longer holds a partition's
     * events from the cursor on.
     */
    static long deliverFromMemory(
            Subscription sub, long[] cursor, Feed feed, int max, Sender sender, GatewayMetrics metrics) {
        Layout layout = feed.layout();
        List<List<GatewayEvent>> lists = new ArrayList<>(layout.size());
        for (int p = 0; p < layout.size(); p++) {
            List<GatewayEvent> events = feed.history(p).from(cursor[p], max);
            if (events == null) {
                return EVICTED;
            }
            lists.add(events);
        }
        try {
            return merge(sub, lists, cursor, layout, sender, metrics);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /**
     * Sends the events of several partitions, each list in offset order, interleaved by event
     * time; the cursor moves past every event looked at, delivered or not (audience, filter).
     * Frames sent are counted in {@code metrics} (may be null).
     */
    static long merge(
            Subscription sub,
            List<List<GatewayEvent>> lists,
            long[] cursor,
            Layout layout,
            Sender sender,
            GatewayMetrics metrics)
            throws InterruptedException {
        int[] at = new int[lists.size()];
        long sent = 0;
        while (true) {
            int pick = -1;
            Instant earliest = null;
            for (int i = 0; i < lists.size(); i++) {
                if (at[i] >= lists.get(i).size()) {
                    continue;
                }
                Instant t = lists.get(i).get(at[i]).time();
                if (pick < 0 || t == null || (earliest != null && t.isBefore(earliest))) {
                    pick = i;
                    earliest = t;
                    if (t == null) {
                        break;
                    }
                }
            }
            if (pick < 0) {
                return sent;
            }
            GatewayEvent e = lists.get(pick).get(at[pick]++);
            if (e.offset() < cursor[e.partition()]) {
                continue;
            }
            cursor[e.partition()] = e.offset() + 1;
            if (!e.deliverable() || !Recipients.of(e).includes(sub.session())) {
                continue;
            }
            List<String> names = e.type().webSocketNames();
            String position = null;
            for (int i = 0; i < names.size(); i++) {
                String name = names.get(i);
                if (sub.accepts(name, e)) {
                    if (position == null) {
                        position = Position.encode(layout, cursor);
                    }
                    ByteBuf frame = WireFrames.text(
                            Frames.event(name, e.id(), position, e.time(), e.actor(), e.correlationId(), e.data()));
                    if (!sender.send(frame)) {
                        return sent;
                    }
                    if (metrics != null) {
                        metrics.framesOut(e.type(), i, 1);
                    }
                    sent++;
                }
            }
        }
    }
}
