package org.civstart.signal.airtablesync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civstart.events.CloudEvent;
import org.civstart.events.EventType;
import org.civstart.events.payload.AirtableSyncData;
import org.civstart.outbox.Acting;
import org.civstart.rest.DomainException;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;

/**
 * Consumes topic {@code airtable-sync} (group {@code signal-service}, from the earliest offset) and
 * applies {@code airtable.signal.synced} / {@code airtable.startup.synced} through {@link AirtableSync},
 * as actor {@code airtable}, under the consumed event's correlation id (its {@code ce_id} if it
 * has none) and in its trace, so the signal and startup events that follow lead back to the Airtable edit.
 *
 * <p>Other Airtable kinds (organizations, contacts, interactions, webhook states) are not ours:
 * logged at debug and counted as ignored. A record that is not a CloudEvent, an unknown type, a
 * payload that does not parse or that the domain refuses is logged, counted
 * ({@code airtable_sync_skipped_total{reason}}) and skipped, so it never blocks its partition.
 * Infrastructure failures (the database is down) are retried a few times; if they persist the
 * exception fails the channel, health turns DOWN and a restart resumes from the last committed
 * offset (the ce_id log makes the replay safe).
 */
@ApplicationScoped
public class AirtableSyncConsumer {

    private static final Logger LOG = Logger.getLogger(AirtableSyncConsumer.class);

    @Inject
    AirtableSync sync;

    @Inject
    Acting acting;

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry registry;

    @Incoming("airtable-sync")
    @Blocking
    @Retry(
            maxRetries = 5,
            delay = 500,
            abortOn = {MalformedSyncData.class, DomainException.class, ConstraintViolationException.class})
    public void consume(ConsumerRecord<String, String> record) {
        CloudEvent event;
        try {
            event = CloudEvent.of(record);
        } catch (RuntimeException e) {
            skip("not-a-cloudevent", record, e.getMessage());
            return;
        }
        EventType type = event.eventType();
        if (type == null) {
            skip("unknown-type", record, "ce_type " + event.type() + " is not in the catalog");
            return;
        }
        if (type != EventType.AIRTABLE_SIGNAL_SYNCED && type != EventType.AIRTABLE_STARTUP_SYNCED) {
            LOG.debugf("ignoring %s %s: not a signal or startup", type.type(), event.id());
            count(AirtableSync.Outcome.IGNORED);
            return;
        }
        AirtableSyncData data;
        try {
            data = json.readValue(event.data(), AirtableSyncData.class);
        } catch (Exception e) {
            skip("malformed", record, "payload does not parse: " + e.getMessage());
            return;
        }
        try {
            // Staff changed it in Airtable: that is the actor of what follows, in the sync event's correlation id and
            // trace.
            AirtableSync.Outcome outcome = acting.onEvent(
                    event, record.topic(), CloudEvent.AIRTABLE_ACTOR, () -> sync.apply(event.id(), type, data));
            LOG.debugf("%s %s (%s %s): %s", type.type(), event.id(), data.action(), data.airtableRecordId(), outcome);
            count(outcome);
        } catch (MalformedSyncData | DomainException | ConstraintViolationException e) {
            skip("rejected", record, e.getMessage());
        }
    }

    private void skip(String reason, ConsumerRecord<String, String> record, String why) {
        LOG.warnf(
                "skipping airtable-sync record %s-%d@%d (%s): %s",
                record.topic(), record.partition(), record.offset(), reason, why);
        registry.counter("airtable.sync.skipped", "reason", reason).increment();
    }

    private void count(AirtableSync.Outcome outcome) {
        registry.counter("airtable.sync.events", "outcome", outcome.wireName()).increment();
    }
}
