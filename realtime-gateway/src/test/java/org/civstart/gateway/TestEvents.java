package org.civstart.gateway;

import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
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
        try {
            String id = UUID.randomUUID().toString();
            CloudEvent ce = new CloudEvent(id, type.type(), "test", aggregateId, Instant.now(),
                    startupId == null ? null : startupId.toString(), type.audience().header(startupId),
                    JSON.writeValueAsString(data));
            producer().send(ce.toRecord(type.topic().topicName())).get();
            return id;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
