package org.civstart.notification.messaging;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.notification.inbox.Notifier;
import org.civstart.notification.rules.Draft;
import org.civstart.notification.rules.InvalidEventException;
import org.civstart.notification.rules.NotificationRules;
import org.civstart.outbox.Acting;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;

/**
 * Reads the domain topics that notify someone (channel {@code domain-events}, consumer group
 * {@code notification-service}). An event that is not a CloudEvent, has a type the catalog does not
 * know, or a payload that does not read as its catalog record is logged, counted
 * ({@code notification_events_skipped_total{reason}}), republished to the dead-letter topic
 * ({@link DeadLetters}) and acknowledged, so it never blocks its partition. Everything else goes through {@link NotificationRules}; the events a notification makes
 * carry {@code ce_actor} {@code system} and the consumed event's correlation id (its {@code ce_id} when
 * it has none), so a client can tie them to the change that caused them. A failure of our own database
 * fails the message (the channel reports unhealthy and the event is consumed again after restart).
 */
@ApplicationScoped
public class DomainEventConsumer {

    /** The width of processed_event.event_id. */
    private static final int MAX_ID_LENGTH = 255;
    private static final Logger LOG = Logger.getLogger(DomainEventConsumer.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    NotificationRules rules;

    @Inject
    Notifier notifier;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    @Inject
    Acting acting;

    @Inject
    DeadLetters deadLetters;

    @Incoming("domain-events")
    @Blocking
    public void consume(ConsumerRecord<String, String> record) {
        String where = record.topic() + "-" + record.partition() + "@" + record.offset();
        CloudEvent event;
        try {
            event = CloudEvent.of(record);
        } catch (RuntimeException e) {
            skip(record, "not-a-cloudevent", where, e.getMessage());
            return;
        }
        if (event.id().length() > MAX_ID_LENGTH) {
            skip(record, "malformed-id", where, "ce_id longer than " + MAX_ID_LENGTH + " characters");
            return;
        }
        EventType type = event.eventType();
        if (type == null) {
            skip(record, "unknown-type", where, "ce_type " + event.type() + " is not in the catalog");
            return;
        }
        if (!NotificationRules.concerns(type)) {
            return;
        }
        Record payload;
        Map<String, Object> data;
        Optional<Draft> draft;
        try {
            payload = json.readValue(event.data(), type.payloadType());
            if (payload == null) {
                throw new IllegalArgumentException("empty payload");
            }
            data = json.convertValue(payload, MAP);
            draft = rules.apply(type, payload);
        } catch (InvalidEventException | java.io.IOException | IllegalArgumentException e) {
            skip(record, "malformed-payload", where, type.type() + " " + event.id() + ": " + e.getMessage());
            return;
        }
        if (draft.isPresent()) {
            // the notification continues the change that caused it: made by the system, under that change's correlation id
            String correlationId = event.correlationId() != null ? event.correlationId() : event.id();
            String dataJson = json.valueToTree(payload).toString();
            acting.as(CloudEvent.SYSTEM_ACTOR, correlationId, () -> {
                notifier.notify(event, draft.get(), data, dataJson);
            });
        }
    }

    private void skip(ConsumerRecord<String, String> record, String reason, String where, String detail) {
        deadLetters.send(record, reason, detail);
        registry.counter("notification_events_skipped_total", "reason", reason).increment();
        LOG.warnf("skipped event at %s (%s), dead-lettered: %s", where, reason, detail);
    }
}
