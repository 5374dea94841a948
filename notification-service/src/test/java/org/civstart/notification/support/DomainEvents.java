package org.civstart.notification.support;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.payload.AirtableWebhookData;
import org.civstart.events.payload.AssignmentData;
import org.civstart.events.payload.ConnectionData;
import org.civstart.events.payload.ContactRequestData;
import org.civstart.events.payload.CreditsData;
import org.civstart.events.payload.PoolRequestData;
import org.civstart.testing.Infrastructure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** Real catalog events, produced onto the real broker as signal-service and sync-service would. */
public final class DomainEvents {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static KafkaProducer<String, String> producer;

    private DomainEvents() {
    }

    /** Builds the CloudEvent of a catalog payload (subject = the record key). */
    public static CloudEvent event(EventType type, Object subject, UUID startupId, Record payload) {
        try {
            return new CloudEvent(UUID.randomUUID().toString(), type.type(), "signal-service", String.valueOf(subject),
                    Instant.now(), startupId == null ? null : startupId.toString(), type.audience().header(startupId),
                    JSON.writeValueAsString(payload));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends and waits for the broker's acknowledgement. */
    public static CloudEvent send(CloudEvent event) {
        send(event.toRecord(EventType.ofType(event.type()) == null ? "assignments" : EventType.ofType(event.type()).topic().topicName()));
        return event;
    }

    public static CloudEvent send(EventType type, Object subject, UUID startupId, Record payload) {
        return send(event(type, subject, startupId, payload));
    }

    public static void send(ProducerRecord<String, String> record) {
        try {
            producer().send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static synchronized KafkaProducer<String, String> producer() {
        if (producer == null) {
            Properties p = new Properties();
            p.put("bootstrap.servers", Infrastructure.kafka().bootstrapServers());
            p.put("acks", "all");
            producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    // ---- payloads as the producing services fill them

    public static AssignmentData assignment(UUID startupId, String identifier, String status) {
        return new AssignmentData(UUID.randomUUID(), UUID.randomUUID(), identifier, "Water grid sensors for " + identifier,
                startupId, "Acme Robotics", "direct", status, null, null, LocalDate.of(2030, 1, 31), null);
    }

    public static PoolRequestData poolRequest(UUID startupId, String identifier, String status) {
        return new PoolRequestData(UUID.randomUUID(), UUID.randomUUID(), identifier, "Pool signal " + identifier, startupId,
                "Acme Robotics", status, 3, null, null);
    }

    public static ConnectionData connection(UUID startupId, String status, String previous) {
        return new ConnectionData(UUID.randomUUID(), startupId, "Acme Robotics", "organization", "rec123", "City of Springfield",
                status, previous, null);
    }

    public static CreditsData credits(UUID startupId, long balance, long delta) {
        return new CreditsData(startupId, balance, delta, "deduction", "pool request", UUID.randomUUID(), "starter", null, null);
    }

    public static CreditsData tierChanged(UUID startupId, String tier, String previous) {
        return new CreditsData(startupId, 12, 0, null, "tier changed", null, tier, previous, 50);
    }

    public static ContactRequestData contactRequest(UUID startupId, String contactName) {
        return new ContactRequestData(UUID.randomUUID(), startupId, "Acme Robotics", contactName, "Springfield Water",
                "Please introduce us", "pending", null);
    }

    public static AirtableWebhookData webhookFailed(String baseId) {
        return new AirtableWebhookData(baseId, "ach" + UUID.randomUUID().toString().substring(0, 8), "tblSignals", "failed",
                "401 from Airtable", null, null, null);
    }
}
