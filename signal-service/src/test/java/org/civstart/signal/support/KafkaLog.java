package org.civstart.signal.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.testing.Infrastructure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Exact event assertions: {@link #mark()} notes the end of every topic (after the outbox has
 * drained, so earlier operations' events are not counted); {@link #since(Mark)} waits
 * until every outbox row committed so far has been acknowledged by Kafka (the relay deletes a row
 * only then), and returns everything published after the mark. Because the wait covers every
 * committed row, "this operation published exactly these events" and "this failed operation
 * published nothing" are real assertions, not timing guesses. Topic airtable-sync is left out: the
 * service consumes it, tests produce to it.
 */
@ApplicationScoped
public class KafkaLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    DataSource dataSource;

    public record Mark(Map<TopicPartition, Long> offsets) {
    }

    /** One published event, its routing headers and its JSON payload. */
    public record Ev(String topic, String key, String id, String type, String startupId, String audience, JsonNode data,
                     String actor, String correlationId) {

        public boolean is(EventType t) {
            return t.type().equals(type);
        }

        public String text(String field) {
            JsonNode n = data.get(field);
            return n == null || n.isNull() ? null : n.asText();
        }
    }

    /** Marks the end of every topic once everything committed so far has been published. */
    public Mark mark() {
        awaitOutboxDrained();
        try (KafkaConsumer<String, String> c = consumer()) {
            List<TopicPartition> partitions = partitions(c);
            return new Mark(new HashMap<>(c.endOffsets(partitions)));
        }
    }

    /** Everything published since {@code mark}, once the outbox has drained. */
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
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
                if (System.currentTimeMillis() > deadline) {
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

    /** Events since the mark that are not dashboard metrics (those follow every change on their own schedule). */
    public List<Ev> domainSince(Mark mark) {
        return since(mark).stream().filter(e -> !e.topic().equals(Topic.METRICS.topicName())).toList();
    }

    public static List<Ev> of(List<Ev> events, EventType type) {
        return events.stream().filter(e -> e.is(type)).toList();
    }

    public static List<Ev> where(List<Ev> events, Predicate<Ev> p) {
        return events.stream().filter(p).toList();
    }

    private void awaitOutboxDrained() {
        long last = scalar("select coalesce((select last_value from outbox_seq_seq), 0)");
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> scalar("select count(*) from outbox where seq <= " + last) == 0);
    }

    private long scalar(String sql) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private static Ev toEv(ConsumerRecord<String, String> r) {
        CloudEvent e = CloudEvent.of(r);
        try {
            return new Ev(r.topic(), r.key(), e.id(), e.type(), e.startupId(), e.audience(), JSON.readTree(r.value()),
                    e.actor(), e.correlationId());
        } catch (Exception ex) {
            throw new IllegalStateException("unreadable payload " + r.value(), ex);
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> c) {
        List<TopicPartition> out = new ArrayList<>();
        for (Topic t : Topic.values()) {
            if (t == Topic.AIRTABLE_SYNC) {
                continue; // what tests feed the service, never what it publishes
            }
            c.partitionsFor(t.topicName()).forEach(p -> out.add(new TopicPartition(p.topic(), p.partition())));
        }
        return out;
    }

    private static KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put("bootstrap.servers", Infrastructure.kafka().bootstrapServers());
        p.put("enable.auto.commit", "false");
        p.put("max.poll.records", "5000");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }
}
