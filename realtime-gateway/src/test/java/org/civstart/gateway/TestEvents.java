package org.civstart.gateway;

import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civstart.events.Audience;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.testing.Infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Publishes catalog events onto the real Kafka topics, as the services' outbox relays do. */
final class TestEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static KafkaProducer<String, String> producer;

    private TestEvents() {
    }

    static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put("bootstrap.servers", Infrastructure.kafka().bootstrapServers());
            p.put("acks", "all");
            p.put("enable.idempotence", "true");
            p.put("linger.ms", "0");
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    /** Publishes and waits for the broker's ack; returns the ce_id. */
    static String publish(EventType type, String aggregateId, UUID startupId, Map<String, Object> data) {
        return send(event(type, aggregateId, startupId, data), type.topic());
    }

    /** An event with the catalog's audience for {@code type}, to adjust with {@link CloudEvent#withUser} etc. */
    static CloudEvent event(EventType type, String aggregateId, UUID startupId, Map<String, Object> data) {
        try {
            return new CloudEvent(UUID.randomUUID().toString(), type.type(), "test", aggregateId, Instant.now(),
                    startupId == null ? null : startupId.toString(), type.audience().header(startupId),
                    JSON.writeValueAsString(data));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@code user}-audience event for one user ({@code ce_userid}), as notification-service sends read marks and counts. */
    static String publishForUser(EventType type, String userId, UUID startupId, Map<String, Object> data) {
        return send(forUser(type, userId, startupId, data), type.topic());
    }

    /** The {@code user}-audience event {@link #publishForUser} sends. */
    static CloudEvent forUser(EventType type, String userId, UUID startupId, Map<String, Object> data) {
        CloudEvent e = event(type, "agg-" + UUID.randomUUID(), startupId, data);
        return new CloudEvent(e.id(), e.type(), e.source(), e.subject(), e.time(), e.startupId(), Audience.USER_TOKEN,
                e.data()).withUser(userId);
    }

    /** Sends without waiting for the broker's ack (order per key is kept by the idempotent producer). */
    static void sendAsync(CloudEvent ce, Topic topic) {
        producer().send(ce.toRecord(topic.topicName()));
    }

    static String send(CloudEvent ce, Topic topic) {
        try {
            producer().send(ce.toRecord(topic.topicName())).get();
            return ce.id();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Saves an admin's event preferences on the compacted topic (key = the admin's sub), as notification-service does. */
    static String savePreferences(String adminSub, java.util.List<String> events, java.util.List<String> startups,
            java.util.List<String> signals, long version) {
        Map<String, Object> data = Map.of("userId", adminSub, "events", events, "startups", startups, "signals", signals,
                "version", version, "updatedAt", Instant.now().toString());
        CloudEvent e = event(EventType.ADMIN_PREFERENCES_UPDATED, adminSub, null, data);
        return send(new CloudEvent(e.id(), e.type(), e.source(), adminSub, e.time(), null, Audience.USER_TOKEN, e.data())
                .withUser(adminSub), Topic.PREFERENCES);
    }

    /** Deletes an admin's saved preferences: a record with the key and no value (a tombstone). */
    static void clearPreferences(String adminSub) {
        try {
            producer().send(new ProducerRecord<>(Topic.PREFERENCES.topicName(), adminSub, null)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
