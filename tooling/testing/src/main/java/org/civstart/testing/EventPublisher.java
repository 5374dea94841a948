package org.civstart.testing;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Puts events on the test JVM's Kafka broker as a service's outbox relay would (binary-mode
 * CloudEvents, keyed by subject, {@code acks=all}), for tests of consumers and the gateway. Every send
 * waits for the broker's acknowledgement.
 * <pre>
 * EventPublisher.publish(EventType.CREDITS_UPDATED, startupId.toString(), startupId, new CreditsData(...));
 * EventPublisher.send(EventPublisher.event(EventType.NOTIFICATION_READ, userId, null, payload).withUser(userId));
 * EventPublisher.send(new ProducerRecord&lt;&gt;("credits", "key", "not a CloudEvent"));   // a poison record
 * </pre>
 */
public final class EventPublisher {

    // dates and times as ISO-8601 text, as the services' Quarkus ObjectMapper writes them
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    private EventPublisher() {}

    /** An event of the catalog type from source {@code test}: audience from the catalog, payload as JSON. */
    public static CloudEvent event(EventType type, String subject, UUID startupId, Object payload) {
        try {
            return new CloudEvent(
                    UUID.randomUUID().toString(),
                    type.type(),
                    "test",
                    subject,
                    Instant.now(),
                    startupId == null ? null : startupId.toString(),
                    type.audience().header(startupId),
                    JSON.writeValueAsString(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("payload is not JSON-writable: " + payload, e);
        }
    }

    /** Publishes {@link #event} on the type's topic; returns it (its {@code id} is the {@code ce_id}). */
    public static CloudEvent publish(EventType type, String subject, UUID startupId, Object payload) {
        return send(event(type, subject, startupId, payload));
    }

    /** Publishes an event of a catalog type on that type's topic. */
    public static CloudEvent send(CloudEvent event) {
        EventType type = EventType.ofType(event.type());
        if (type == null) {
            throw new IllegalArgumentException(
                    "not a catalog type: " + event.type() + " (send a ProducerRecord instead)");
        }
        send(event.toRecord(type.topic().topicName()));
        return event;
    }

    /** Publishes any record, e.g. one no consumer can use. */
    public static void send(ProducerRecord<String, String> record) {
        try {
            producer().send(record).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("publishing to " + record.topic() + " failed", e);
        }
    }

    /**
     * Publishes without waiting for the broker's acknowledgement (order per key is kept: the producer is
     * idempotent), for tests that offer events at a rate; {@link #flush} waits for all of them.
     */
    public static CloudEvent sendWithoutWaiting(CloudEvent event) {
        EventType type = EventType.ofType(event.type());
        if (type == null) {
            throw new IllegalArgumentException("not a catalog type: " + event.type());
        }
        producer().send(event.toRecord(type.topic().topicName()));
        return event;
    }

    /** Waits until everything sent so far is acknowledged. */
    public static void flush() {
        producer().flush();
    }

    private static synchronized KafkaProducer<String, String> producer() {
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
}
