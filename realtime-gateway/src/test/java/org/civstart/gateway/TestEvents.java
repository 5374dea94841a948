package org.civstart.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.civstart.events.Audience;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.Topic;
import org.civstart.testing.EventPublisher;

/**
 * The gateway tests' events, published through the shared {@link EventPublisher} (as the services'
 * outbox relays publish them): catalog events, events for one user, saved admin preferences.
 */
final class TestEvents {

    private TestEvents() {}

    /** Publishes and waits for the broker's ack; returns the ce_id. */
    static String publish(EventType type, String aggregateId, UUID startupId, Map<String, Object> data) {
        return EventPublisher.publish(type, aggregateId, startupId, data).id();
    }

    /** An event with the catalog's audience for {@code type}, to adjust with {@link CloudEvent#withUser} etc. */
    static CloudEvent event(EventType type, String aggregateId, UUID startupId, Map<String, Object> data) {
        return EventPublisher.event(type, aggregateId, startupId, data);
    }

    /** A {@code user}-audience event for one user ({@code ce_userid}), as notification-service sends read marks and counts. */
    static String publishForUser(EventType type, String userId, UUID startupId, Map<String, Object> data) {
        return send(forUser(type, userId, startupId, data), type.topic());
    }

    /** The {@code user}-audience event {@link #publishForUser} sends. */
    static CloudEvent forUser(EventType type, String userId, UUID startupId, Map<String, Object> data) {
        CloudEvent e = event(type, "agg-" + UUID.randomUUID(), startupId, data);
        return new CloudEvent(
                        e.id(),
                        e.type(),
                        e.source(),
                        e.subject(),
                        e.time(),
                        e.startupId(),
                        Audience.USER_TOKEN,
                        e.data())
                .withUser(userId);
    }

    /** Publishes on {@code topic} and waits for the broker's ack; returns the ce_id. */
    static String send(CloudEvent ce, Topic topic) {
        EventPublisher.send(ce.toRecord(topic.topicName()));
        return ce.id();
    }

    /** Saves an admin's event preferences on the compacted topic (key = the admin's sub), as notification-service does. */
    static String savePreferences(
            String adminSub, List<String> events, List<String> startups, List<String> signals, long version) {
        Map<String, Object> data = Map.of(
                "userId",
                adminSub,
                "events",
                events,
                "startups",
                startups,
                "signals",
                signals,
                "version",
                version,
                "updatedAt",
                Instant.now().toString());
        CloudEvent e = event(EventType.ADMIN_PREFERENCES_UPDATED, adminSub, null, data);
        return send(
                new CloudEvent(e.id(), e.type(), e.source(), adminSub, e.time(), null, Audience.USER_TOKEN, e.data())
                        .withUser(adminSub),
                Topic.PREFERENCES);
    }

    /** Deletes an admin's saved preferences: a record with the key and no value (a tombstone). */
    static void clearPreferences(String adminSub) {
        EventPublisher.send(new ProducerRecord<>(Topic.PREFERENCES.topicName(), adminSub, null));
    }
}
