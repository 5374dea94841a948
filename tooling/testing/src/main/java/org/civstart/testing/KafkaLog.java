package org.civstart.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Exact assertions on what a service published through its outbox. {@link #mark()} notes the end of
 * every topic once the outbox has drained (so earlier operations' events are not counted);
 * {@link #since(Mark)} waits until every outbox row committed so far has been acknowledged by Kafka
 * (the relay deletes a row only then) and returns everything published after the mark, in partition
 * order. Because the wait covers every committed row, "this operation published exactly these
 * events" and "this failed operation published nothing" are real assertions, not timing guesses.
 * <pre>
 * KafkaLog log = KafkaLog.on(Db.application()).without(Topic.AIRTABLE_SYNC);   // what the service consumes
 * KafkaLog.Mark mark = log.mark();
 * ... the operation ...
 * List&lt;KafkaLog.Ev&gt; events = log.since(mark);
 * assertThat(KafkaLog.of(events, EventType.SIGNAL_ASSIGNED)).hasSize(1);
 * </pre>
 * The outbox is the platform's ({@code outbox} table, {@code seq} identity column) in the database
 * {@code outbox} reaches; the broker is the test JVM's ({@link Infrastructure#kafka()}) unless named.
 */
public final class KafkaLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Db outbox;
    private final String bootstrapServers;
    private final Set<Topic> topics;

    /** The end offset of every partition read, at {@link #mark()}. */
    public record Mark(Map<TopicPartition, Long> offsets) {}

    /** One published event: its topic and key, CloudEvents attributes and JSON payload. */
    public record Ev(
            String topic,
            String key,
            String id,
            String type,
            String startupId,
            String audience,
            JsonNode data,
            String actor,
            String correlationId,
            String userId) {

        public boolean is(EventType t) {
            return t.type().equals(type);
        }

        /** A payload field as text; null when absent or JSON null. */
        public String text(String field) {
            JsonNode n = data.get(field);
            return n == null || n.isNull() ? null : n.asText();
        }
    }

    private KafkaLog(Db outbox, String bootstrapServers, Set<Topic> topics) {
        this.outbox = outbox;
        this.bootstrapServers = bootstrapServers;
        this.topics = topics;
    }

    /** Every catalog topic on the test JVM's broker, after the outbox in {@code outbox}'s database drained. */
    public static KafkaLog on(Db outbox) {
        return new KafkaLog(outbox, null, EnumSet.allOf(Topic.class));
    }

    /** The same on another broker (a packaged service's, in e2e or chaos runs). */
    public static KafkaLog on(Db outbox, String bootstrapServers) {
        return new KafkaLog(outbox, bootstrapServers, EnumSet.allOf(Topic.class));
    }

    /** This log without some topics: what the service consumes, or events that follow every change on their own schedule. */
    public KafkaLog without(Topic... excluded) {
        Set<Topic> kept = EnumSet.copyOf(topics);
        kept.removeAll(Arrays.asList(excluded));
        return new KafkaLog(outbox, bootstrapServers, kept);
    }

    /** Marks the end of every topic once everything committed so far has been published. */
    public Mark mark() {
        awaitOutboxDrained();
        try (KafkaConsumer<String, String> c = consumer()) {
            return new Mark(new HashMap<>(c.endOffsets(partitions(c))));
        }
    }

    /** Everything published since {@code mark} on this log's topics, once the outbox has drained. */
    public List<Ev> since(Mark mark) {
        awaitOutboxDrained();
        List<Ev> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c = consumer()) {
            List<TopicPartition> partitions = partitions(c);
            c.assign(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            for (TopicPartition tp : partitions) {
                c.seek(tp, mark.offsets().getOrDefault(tp, 0L));
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read up to the end offsets " + end);
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(100))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        out.add(toEv(r));
                    }
                }
            }
        }
        return out;
    }

    /** The events of one catalog type. */
    public static List<Ev> of(List<Ev> events, EventType type) {
        return where(events, e -> e.is(type));
    }

    public static List<Ev> where(List<Ev> events, Predicate<Ev> p) {
        return events.stream().filter(p).toList();
    }

    /** Waits until no outbox row committed before this call is left (the relay deletes a row once Kafka acknowledged it). */
    private void awaitOutboxDrained() {
        long last = outbox.count("select coalesce((select last_value from outbox_seq_seq), 0)");
        Awaitility.await()
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> outbox.count("select count(*) from outbox where seq <= ?", last) == 0);
    }

    private static Ev toEv(ConsumerRecord<String, String> r) {
        CloudEvent e = CloudEvent.of(r);
        try {
            return new Ev(
                    r.topic(),
                    r.key(),
                    e.id(),
                    e.type(),
                    e.startupId(),
                    e.audience(),
                    JSON.readTree(r.value()),
                    e.actor(),
                    e.correlationId(),
                    e.userId());
        } catch (Exception ex) {
            throw new IllegalStateException("unreadable payload " + r.value(), ex);
        }
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> c) {
        List<TopicPartition> out = new ArrayList<>();
        for (Topic t : topics) {
            c.partitionsFor(t.topicName()).forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
        }
        return out;
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(
                "bootstrap.servers",
                bootstrapServers != null
                        ? bootstrapServers
                        : Infrastructure.kafka().bootstrapServers());
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
