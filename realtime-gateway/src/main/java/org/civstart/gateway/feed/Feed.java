package org.civstart.gateway.feed;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.gateway.GatewayConfig;
import org.civstart.gateway.GatewayMetrics;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * The gateway's one Kafka consumer, and the thread everything downstream runs on.
 *
 * <p>Reads every partition of every catalog topic with {@code assign} (no consumer group): each
 * replica sees every event itself, so any number of replicas serve clients behind a plain
 * Service. On start it loads the last {@code history-per-partition} events of each partition into
 * memory (clients reconnecting after a gateway restart resume from memory) and the whole of every
 * compacted topic (current state, e.g. saved preferences), and only then reports ready. For each
 * record it advances the head position, remembers the event in the partition's {@link History}
 * and hands it to the {@link FeedListener} — all on this thread, which also runs the tasks other
 * threads submit ({@link #execute}) between two polls: routing state changes between events,
 * never during one, which is what makes resume gap-free.
 */
@ApplicationScoped
public class Feed {

    private static final Logger LOG = Logger.getLogger(Feed.class);
    private static final JsonFactory JSON = new JsonFactory();
    /** How long a poll waits for records when there are none: the tasks of other threads run at least this often. */
    private static final Duration LONG_POLL = Duration.ofMillis(20);

    /** Every {@code kafka.*} setting (bootstrap servers, and security settings where the cluster needs them). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafka;

    @Inject
    GatewayConfig config;

    @Inject
    FeedListener listener;

    @Inject
    GatewayMetrics metrics;

    @Inject
    MeterRegistry registry;

    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private volatile Layout layout;
    private volatile History[] history;
    /** Next offset per partition: the position of a live connection. Feed thread only. */
    private long[] head;

    private volatile boolean running;
    private volatile boolean consuming;
    /** Records behind the broker's end, summed over all partitions (refreshed every second). */
    private volatile long kafkaLag;

    private long lagCheckedAt;
    private KafkaConsumer<String, String> consumer;
    private KafkaClientMetrics consumerMetrics;
    private Thread thread;

    void start(@Observes StartupEvent ignored) {
        consumer = new KafkaConsumer<>(
                consumerConfig("realtime-gateway-feed"), new StringDeserializer(), new StringDeserializer());
        consumerMetrics = new KafkaClientMetrics(consumer);
        consumerMetrics.bindTo(registry);
        running = true;
        // a Netty thread: the frames it encodes come from its own cache of the pooled allocator
        thread = new FastThreadLocalThread(this::run, "gateway-feed");
        thread.start();
    }

    /** A consumer without a group: the gateway assigns partitions itself and commits nothing. */
    public Properties consumerConfig(String clientId) {
        Properties p = new Properties();
        p.putAll(kafka);
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1000");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        // no client-metrics push to the broker (KIP-714): the gateway exports its consumer's metrics itself
        // (KafkaClientMetrics), and the push's sender is looked at, under a lock, on every poll — a fetch per
        // event at 1,000 events/s (2 % of the consumer's samples in a flight recording)
        p.put(ConsumerConfig.ENABLE_METRICS_PUSH_CONFIG, "false");
        return p;
    }

    private void run() {
        try {
            Layout l = discover();
            List<TopicPartition> tps = l.partitions();
            consumer.assign(tps);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            long[] h = new long[l.size()];
            History[] hist = new History[l.size()];
            for (int i = 0; i < l.size(); i++) {
                TopicPartition tp = l.partition(i);
                // a compacted topic is current state (saved preferences): read all of it before going ready
                long from = l.topic(i).compacted()
                        ? begin.get(tp)
                        : Math.max(begin.get(tp), end.get(tp) - config.historyPerPartition());
                consumer.seek(tp, from);
                h[i] = from;
                hist[i] = new History(config.historyPerPartition(), from);
            }
            head = h;
            history = hist;
            layout = l;
            warmUp(end);
            consuming = true;
            LOG.infof("following %d partitions from %s", l.size(), Arrays.toString(head));
            while (running) {
                runTasks();
                // while routed writes are held, the poll ends by the time they are due (to the millisecond)
                long due = listener.nanosUntilWrite();
                for (ConsumerRecord<String, String> r :
                        consumer.poll(due < 0 ? LONG_POLL : Duration.ofMillis(Math.max(1, due / 1_000_000)))) {
                    accept(r, true);
                }
                listener.onBatchEnd();
                refreshLag();
            }
        } catch (WakeupException e) {
            // shutting down
        } catch (Exception e) {
            LOG.error("the Kafka feed stopped; this replica is no longer ready", e);
        } finally {
            consuming = false;
            listener.onStopped();
            consumer.close();
            consumerMetrics.close();
        }
    }

    /** Waits until every catalog topic exists, then fixes the layout. */
    private Layout discover() throws InterruptedException {
        while (running) {
            List<TopicPartition> tps = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            Map<String, List<PartitionInfo>> topics;
            try {
                topics = consumer.listTopics(Duration.ofSeconds(10));
            } catch (TimeoutException e) {
                LOG.warnf("Kafka did not answer the topic listing in time: retrying (%s)", e.getMessage());
                continue;
            }
            for (Topic topic : Topic.values()) {
                List<PartitionInfo> infos = topics.get(topic.topicName());
                if (infos == null || infos.isEmpty()) {
                    missing.add(topic.topicName());
                    continue;
                }
                infos.stream()
                        .map(pi -> new TopicPartition(pi.topic(), pi.partition()))
                        .sorted((a, b) -> Integer.compare(a.partition(), b.partition()))
                        .forEach(tps::add);
            }
            if (missing.isEmpty()) {
                return new Layout(tps);
            }
            LOG.warnf("waiting for topics %s", missing);
            Thread.sleep(1000);
        }
        throw new WakeupException();
    }

    /**
     * Reads the recent past into memory without delivering it, and the whole of the compacted
     * topics, before the replica reports ready. Done when the consumer's position reached the end
     * offsets taken at start (a position also moves past compacted-away and control records).
     */
    private void warmUp(Map<TopicPartition, Long> end) {
        long reported = System.nanoTime();
        while (running) {
            List<TopicPartition> behind = new ArrayList<>();
            for (TopicPartition tp : layout.partitions()) {
                if (consumer.position(tp) < end.get(tp)) {
                    behind.add(tp);
                }
            }
            if (behind.isEmpty()) {
                return;
            }
            if (System.nanoTime() - reported > Duration.ofSeconds(30).toNanos()) {
                reported = System.nanoTime();
                LOG.infof("still reading the recent past of %s (not ready yet)", behind);
            }
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                accept(r, false);
            }
        }
    }

    private void accept(ConsumerRecord<String, String> r, boolean live) {
        int p = layout.indexOf(new TopicPartition(r.topic(), r.partition()));
        if (p < 0) {
            return;
        }
        head[p] = r.offset() + 1;
        Topic topic = layout.topic(p);
        if (topic.compacted()) {
            listener.onState(topic, r.key(), r.value(), CloudEvent.header(r.headers(), CloudEvent.USER_ID), live);
        }
        GatewayEvent e = build(p, r);
        history[p].add(e);
        if (live && e.deliverable()) {
            metrics.eventIn(e.type());
            listener.onEvent(e);
        }
    }

    /**
     * Turns a record into a deliverable event. A record the gateway cannot deliver (not a
     * CloudEvent, a type the catalog does not know, a value that is not a JSON object) becomes a
     * placeholder: it keeps the partition's offsets contiguous in memory, is counted, and is never sent.
     */
    GatewayEvent build(int partition, ConsumerRecord<String, String> r) {
        if (r.value() == null && layout.topic(partition).compacted()) {
            return GatewayEvent.placeholder(partition, r.offset()); // a tombstone: the key's state is gone
        }
        CloudEvent ce;
        try {
            ce = CloudEvent.of(r);
        } catch (RuntimeException e) {
            metrics.skipped("not-a-cloudevent");
            return GatewayEvent.placeholder(partition, r.offset());
        }
        EventType type = ce.eventType();
        if (type == null) {
            metrics.skipped("unknown-type");
            return GatewayEvent.placeholder(partition, r.offset());
        }
        String signalId;
        try {
            signalId = signalIdOf(r.value());
        } catch (IOException | RuntimeException e) { // a null value among them
            metrics.skipped("malformed-payload");
            return GatewayEvent.placeholder(partition, r.offset());
        }
        String audience =
                ce.audience() != null ? ce.audience() : type.audience().header(ce.startupId());
        return new GatewayEvent(
                partition,
                r.offset(),
                ce.id(),
                type,
                ce.time(),
                ce.startupId(),
                audience,
                ce.userId(),
                signalId,
                ce.actor(),
                ce.correlationId(),
                r.value(),
                ce.traceparent());
    }

    /**
     * Reads a payload once, without building it in memory: it must be one JSON object (else an
     * exception), and its top-level {@code signalId} (for admin filters) is returned, or null.
     */
    static String signalIdOf(String json) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "not a JSON object");
            }
            String signalId = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = "signalId".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (value.isStructStart()) {
                    p.skipChildren();
                    if (wanted) {
                        signalId = "";
                    }
                } else if (wanted) {
                    signalId = value == JsonToken.VALUE_NULL ? null : p.getText();
                }
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "more than one JSON value");
            }
            return signalId;
        }
    }

    /** Runs {@code task} on the feed thread, between two polls. */
    public void execute(Runnable task) {
        tasks.add(task);
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("feed task failed", e);
            }
        }
    }

    private void refreshLag() {
        long now = System.nanoTime();
        if (now - lagCheckedAt < 1_000_000_000L) {
            return;
        }
        lagCheckedAt = now;
        long lag = 0;
        for (TopicPartition tp : layout.partitions()) {
            lag += consumer.currentLag(tp).orElse(0);
        }
        kafkaLag = lag;
    }

    /** Records not yet consumed, over all partitions, as of the last fetch (0 when none is known). */
    public long kafkaLag() {
        return kafkaLag;
    }

    /** The live position (feed thread only). */
    public long[] headCopy() {
        return head.clone();
    }

    /** The live position as a token (feed thread only). */
    public String headPosition() {
        return Position.encode(layout, head);
    }

    public Layout layout() {
        return layout;
    }

    public History history(int partition) {
        return history[partition];
    }

    public boolean isConsuming() {
        return consuming;
    }

    /** Per-partition offsets for a decoded position (0 where it names none). */
    public long[] vectorOf(Map<TopicPartition, Long> offsets) {
        return Position.toVector(layout, offsets);
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
