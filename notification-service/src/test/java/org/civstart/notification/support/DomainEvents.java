package org.civstart.notification.support;

import java.time.LocalDate;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.payload.AirtableWebhookData;
import org.civstart.events.payload.AssignmentData;
import org.civstart.events.payload.ConnectionData;
import org.civstart.events.payload.ContactRequestData;
import org.civstart.events.payload.CreditsData;
import org.civstart.events.payload.PoolRequestData;
import org.civstart.testing.EventPublisher;

/**
 * Catalog events as signal-service and sync-service fill them, for the consumer's tests; they go onto
 * the real broker through tooling/testing's {@link EventPublisher}.
 */
public final class DomainEvents {

    private DomainEvents() {}

    /** Builds the CloudEvent of a catalog payload (subject = the record key). */
    public static CloudEvent event(EventType type, Object subject, UUID startupId, Record payload) {
        return EventPublisher.event(type, String.valueOf(subject), startupId, payload);
    }

    /** Sends on the type's topic and waits for the broker's acknowledgement. */
    public static CloudEvent send(CloudEvent event) {
        return EventPublisher.send(event);
    }

    public static CloudEvent send(EventType type, Object subject, UUID startupId, Record payload) {
        return send(event(type, subject, startupId, payload));
    }

    public static void send(ProducerRecord<String, String> record) {
        EventPublisher.send(record);
    }

    // ---- payloads as the producing services fill them

    public static AssignmentData assignment(UUID startupId, String identifier, String status) {
        return new AssignmentData(
                UUID.randomUUID(),
                UUID.randomUUID(),
                identifier,
                "Water grid sensors for " + identifier,
                startupId,
                "Acme Robotics",
                "direct",
                status,
                null,
                null,
                LocalDate.of(2030, 1, 31),
                null);
    }

    public static PoolRequestData poolRequest(UUID startupId, String identifier, String status) {
        return new PoolRequestData(
                UUID.randomUUID(),
                UUID.randomUUID(),
                identifier,
                "Pool signal " + identifier,
                startupId,
                "Acme Robotics",
                status,
                3,
                null,
                null);
    }

    public static ConnectionData connection(UUID startupId, String status, String previous) {
        return new ConnectionData(
                UUID.randomUUID(),
                startupId,
                "Acme Robotics",
                "organization",
                "rec123",
                "City of Springfield",
                status,
                previous,
                null);
    }

    public static CreditsData credits(UUID startupId, long balance, long delta) {
        return new CreditsData(
                startupId, balance, delta, "deduction", "pool request", UUID.randomUUID(), "starter", null, null);
    }

    public static CreditsData tierChanged(UUID startupId, String tier, String previous) {
        return new CreditsData(startupId, 12, 0, null, "tier changed", null, tier, previous, 50);
    }

    public static ContactRequestData contactRequest(UUID startupId, String contactName) {
        return new ContactRequestData(
                UUID.randomUUID(),
                startupId,
                "Acme Robotics",
                contactName,
                "Springfield Water",
                "Please introduce us",
                "pending",
                null);
    }

    public static AirtableWebhookData webhookFailed(String baseId) {
        return new AirtableWebhookData(
                baseId,
                "ach" + UUID.randomUUID().toString().substring(0, 8),
                "tblSignals",
                "failed",
                "401 from Airtable",
                null,
                null,
                null);
    }
}
