package org.civstart.gateway.fanout;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.civstart.gateway.GatewayConfig;
import org.jboss.logging.Logger;

/**
 * Brings a connection from its cursor up to the live head: older gaps are read back from Kafka
 * (a short-lived consumer per replay, at most {@code replay-concurrency} at once), recent ones
 * from the partition histories in memory; then {@link Fanout#handoff} finishes on the feed thread.
 * If Kafka no longer holds what the client missed, the client is told
 * {@code system:resyncRequired}. Frames of one partition go out in offset order (the order of an
 * aggregate's commits); partitions are merged by event time. A slow client stalls only its own
 * replay, and is closed (resumable) if it stalls too long.
 */
@ApplicationScoped
public class Replays {

    private static final Logger LOG = Logger.getLogger(Replays.class);
    /** A replay hands off to the feed thread once it is this close to the head. */
    private static final int HANDOFF_GAP = 64;

    @Inject
    Feed feed;

    @Inject
    Fanout fanout;

    @Inject
    GatewayConfig config;

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

    /** Starts bringing {@code s} from {@code cursor} (its own copy) to live. */
    void catchUp(Session s, long[] cursor, boolean resumed) {
        long[] own = cursor.clone();
        workers.execute(() -> run(s, own, resumed));
    }

    private void run(Session s, long[] cursor, boolean resumed) {
        long sent = 0;
        String outcome = "memory";
        long timeout = config.replaySendTimeout().toMillis();
        try {
            for (int round = 0; round < 10_000; round++) {
                if (s.isClosed()) {
                    return;
                }
                List<Integer> behind = behindMemory(cursor);
                if (!behind.isEmpty()) {
                    outcome = "kafka";
                    Long fromKafka = fromKafka(s, cursor, behind, timeout);
                    if (fromKafka == null) {
                        feed.execute(() -> fanout.resync(s, "the events you missed are older than Kafka's retention"));
                        return;
                    }
                    sent += fromKafka;
                    continue;
                }
                sent += deliverFromMemory(s, cursor, feed, 512, (frame, name) -> s.sendWaiting(frame, name, timeout));
                if (gap(cursor) <= HANDOFF_GAP) {
                    break;
                }
            }
            long total = sent;
            String how = outcome;
            feed.execute(() -> fanout.handoff(s, cursor, total, resumed, how));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.warnf(e, "replay for %s failed", s.id());
            s.close(1011, "resume failed: reconnect and resume again");
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
    private Long fromKafka(Session s, long[] cursor, List<Integer> behind, long timeout) throws InterruptedException {
        if (!kafkaPermits.tryAcquire(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("too many replays from Kafka at once");
        }
        Layout layout = feed.layout();
        Map<TopicPartition, Integer> index = new HashMap<>();
        behind.forEach(p -> index.put(layout.partition(p), p));
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(feed.consumerConfig("gateway-replay-" + s.id()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> tps = new ArrayList<>(index.keySet());
            Map<TopicPartition, Long> begin = c.beginningOffsets(tps);
            for (TopicPartition tp : tps) {
                if (cursor[index.get(tp)] < begin.get(tp)) {
                    return null;
                }
            }
            c.assign(tps);
            tps.forEach(tp -> c.seek(tp, cursor[index.get(tp)]));
            List<TopicPartition> active = new ArrayList<>(tps);
            long sent = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!active.isEmpty()) {
                if (s.isClosed()) {
                    return sent;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("replay from Kafka did not finish in time");
                }
                ConsumerRecords<String, String> records = c.poll(Duration.ofMillis(200));
                List<List<GatewayEvent>> lists = new ArrayList<>();
                List<TopicPartition> finished = new ArrayList<>();
                Map<Integer, Long> gapsUpTo = new HashMap<>();
                for (TopicPartition tp : active) {
                    int p = index.get(tp);
                    long boundary = feed.history(p).oldest();
                    List<GatewayEvent> events = new ArrayList<>();
                    boolean reachedMemory = false;
                    for (ConsumerRecord<String, String> r : records.records(tp)) {
                        if (r.offset() >= boundary) {
                            reachedMemory = true;
                            break;
                        }
                        events.add(feed.build(p, r, null));
                    }
                    lists.add(events);
                    if (reachedMemory || c.position(tp) >= boundary) {
                        finished.add(tp);
                        if (!reachedMemory) {
                            // every record below the boundary was read: the offsets left are gaps
                            gapsUpTo.put(p, boundary);
                        }
                    }
                }
                sent += merge(s, lists, cursor, layout, (frame, name) -> s.sendWaiting(frame, name, timeout));
                gapsUpTo.forEach((p, boundary) -> cursor[p] = Math.max(cursor[p], boundary));
                for (TopicPartition tp : finished) {
                    active.remove(tp);
                    c.pause(List.of(tp));
                }
            }
            return sent;
        } finally {
            kafkaPermits.release();
        }
    }

    /** Sends one frame; false if the client is gone. */
    @FunctionalInterface
    interface Sender {
        boolean send(String frame, String eventName) throws InterruptedException;
    }

    /** Delivers what memory holds from the cursor (at most {@code max} per partition), advancing it. */
    static long deliverFromMemory(Session s, long[] cursor, Feed feed, int max, Sender sender) throws InterruptedException {
        Layout layout = feed.layout();
        List<List<GatewayEvent>> lists = new ArrayList<>(layout.size());
        for (int p = 0; p < layout.size(); p++) {
            lists.add(feed.history(p).from(cursor[p], max));
        }
        return merge(s, lists, cursor, layout, sender);
    }

    /**
     * Sends the events of several partitions, each list in offset order, interleaved by event
     * time; the cursor moves past every event looked at, delivered or not (audience, filter).
     */
    static long merge(Session s, List<List<GatewayEvent>> lists, long[] cursor, Layout layout, Sender sender)
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
            if (e.type() == null || !e.recipients().includes(s)) {
                continue;
            }
            List<String> names = e.type().webSocketNames();
            String position = null;
            for (String name : names) {
                if (s.accepts(name, e)) {
                    if (position == null) {
                        position = Position.encode(layout, cursor);
                    }
                    if (!sender.send(Frames.event(name, e, position), name)) {
                        return sent;
                    }
                    sent++;
                }
            }
        }
    }
}
