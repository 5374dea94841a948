package org.civstart.outbox;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import org.civstart.events.EventType;

/**
 * A domain event on its way to Kafka. Fire it with CDI inside the transaction that made the
 * change; it is written to the outbox table and commits (or rolls back) with that change:
 *
 * <pre>
 * &#64;Inject Event&lt;OutboxEvent&gt; events;
 *
 * &#64;Transactional
 * public Assignment assign(Signal signal, Startup startup) {
 *     Assignment a = ...; a.persist();
 *     events.fire(SignalEvents.assigned(signal, a));
 * }
 * </pre>
 *
 * @param id the CloudEvents id ({@code ce_id})
 * @param type the catalog entry (topic, audience, payload record)
 * @param aggregateId the record key and {@code ce_subject}: events of one aggregate keep their order
 * @param startupId the startup the event concerns ({@code ce_startupid}), or null
 * @param userId the one user a {@code user}-audience event is for ({@code ce_userid}), or null
 * @param payload the payload record of {@code type}
 * @param time the event time ({@code ce_time})
 */
public record OutboxEvent(
        UUID id, EventType type, String aggregateId, UUID startupId, String userId, Record payload, Instant time) {

    public OutboxEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(time, "time");
        if (!type.payloadType().isInstance(payload)) {
            throw new IllegalArgumentException(
                    type.type() + " carries " + type.payloadType().getSimpleName() + ", not "
                            + payload.getClass().getSimpleName());
        }
        if (type.audience().needsStartup() && startupId == null) {
            throw new IllegalArgumentException(type.type() + " is seen by one startup: name it");
        }
        if (type.audience().needsUser() && (userId == null || userId.isBlank())) {
            throw new IllegalArgumentException(type.type() + " is seen by one user: name it (forUser)");
        }
    }

    public static OutboxEvent of(EventType type, Object aggregateId, UUID startupId, Record payload) {
        return new OutboxEvent(
                UUID.randomUUID(), type, String.valueOf(aggregateId), startupId, null, payload, Instant.now());
    }

    /** An event for one user ({@code ce_userid} = the user's token {@code sub}). */
    public static OutboxEvent forUser(
            EventType type, Object aggregateId, String userId, UUID startupId, Record payload) {
        return new OutboxEvent(
                UUID.randomUUID(), type, String.valueOf(aggregateId), startupId, userId, payload, Instant.now());
    }

    /** The {@code ce_audience} header value. */
    public String audience() {
        return type.audience().header(startupId);
    }
}
