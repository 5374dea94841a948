package org.civstart.sync.events;

import java.util.List;
import java.util.Map;

import org.civstart.events.EventType;
import org.civstart.events.payload.AirtableSyncData;
import org.civstart.events.payload.AirtableWebhookData;
import org.civstart.outbox.OutboxEvent;
import org.civstart.sync.domain.Backfill;
import org.civstart.sync.domain.MirroredRecord;
import org.civstart.sync.domain.Webhook;

/**
 * Outbox events of sync-service. A record's events are keyed by its Airtable record id (so one
 * record's changes stay in order); webhook events by the webhook id, backfill events by the backfill id.
 */
public final class SyncEvents {

    public static final String CREATED = "created";
    public static final String UPDATED = "updated";
    public static final String DELETED = "deleted";

    private SyncEvents() {}

    /**
     * {@code airtable.<kind>.synced}: {@code fields} is the record's whole mapped state after the
     * change, {@code version} the mirror's version after it (a deletion is one more than the last).
     */
    public static OutboxEvent synced(
            MirroredRecord r, String action, Map<String, Object> fields, List<String> changedFields, long version) {
        return OutboxEvent.of(
                r.kind.eventType(),
                r.recordId,
                null,
                new AirtableSyncData(
                        r.kind.wireName(),
                        action,
                        r.baseId,
                        r.tableId,
                        r.recordId,
                        fields,
                        List.copyOf(changedFields),
                        version));
    }

    /** The webhook failed (error payload, refused refresh) or expired; staff must register a new one. */
    public static OutboxEvent webhookFailed(Webhook w) {
        return OutboxEvent.of(
                EventType.AIRTABLE_WEBHOOK_FAILED,
                w.id,
                null,
                new AirtableWebhookData(
                        w.baseId, w.id, w.tableId, w.status.wireName(), w.lastError, null, null, w.expirationTime));
    }

    /** A backfill ended: status completed (done = total) or failed (error says why). */
    public static OutboxEvent backfillCompleted(Backfill b) {
        return OutboxEvent.of(
                EventType.AIRTABLE_BACKFILL_COMPLETED,
                b.id,
                null,
                new AirtableWebhookData(
                        b.baseId, null, b.tableId, b.status.wireName(), b.error, b.done, b.total, null));
    }
}
