package org.civstart.notification.intake;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.notification.rules.Draft;
import org.civstart.notification.rules.InvalidEventException;
import org.civstart.notification.rules.NotificationRules;
import org.civstart.outbox.Acting;
import org.civstart.rest.ErrorMappers;
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
 * ({@link DeadLetters}) and acknowledged, so it never blocks its partition. Everything else goes
 * through {@link NotificationRules}; the events a notification makes carry {@code ce_actor}
 * {@code system}, the consumed event's correlation id (its {@code ce_id} when it has none) and its
 * trace, so a client can tie them to the change that caused them. While our own database cannot be
 * reached the same event is tried again until it can (the consumer recovers by itself after a
 * PostgreSQL restart); any other failure fails the message (the channel reports unhealthy and the
 * event is consumed again after restart).
 */
@ApplicationScoped
public class DomainEventConsumer {

    /** The width of processed_event.event_id. */
    private static final int MAX_ID_LENGTH = 255;

    private static final Logger LOG = Logger.getLogger(DomainEventConsumer.class);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

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
        } catch (InvalidEventException | IOException | IllegalArgumentException e) {
            skip(record, "malformed-payload", where, type.type() + " " + event.id() + ": " + e.getMessage());
            return;
        }
        if (draft.isPresent()) {
            // the notification continues the change that caused it: made by the system, in that change's correlation id
            // and trace
            String dataJson = json.valueToTree(payload).toString();
            whileDatabaseUnavailable(
                    where,
                    () -> acting.onEvent(event, record.topic(), CloudEvent.SYSTEM_ACTOR, () -> {
                        notifier.notify(event, draft.get(), data, dataJson);
                        return null;
                    }));
        }
    }

    /**
     * Runs {@code work} (one transaction: the notification and the processed-event row) again and
     * again while our database cannot be reached (down, restarting: {@link ErrorMappers#databaseUnavailable}),
     * waiting 100 ms doubling to 5 s between tries, so the consumer goes on by itself once it is back; the
     * partition waits meanwhile, in order. Any other failure fails the message.
     */
    private void whileDatabaseUnavailable(String where, Runnable work) {
        long delayMs = 100;
        while (true) {
            try {
                work.run();
                return;
            } catch (RuntimeException e) {
                if (!ErrorMappers.databaseUnavailable(e)) {
                    throw e;
                }
                registry.counter("notification_database_retries_total").increment();
                LOG.warnf(
                        "database unavailable while consuming %s, trying again in %d ms: %s",
                        where, delayMs, e.getMessage());
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                delayMs = Math.min(5_000, delayMs * 2);
            }
        }
    }

    private void skip(ConsumerRecord<String, String> record, String reason, String where, String detail) {
        deadLetters.send(record, reason, detail);
        registry.counter("notification_events_skipped_total", "reason", reason).increment();
        LOG.warnf("skipped event at %s (%s), dead-lettered: %s", where, reason, detail);
    }
}
