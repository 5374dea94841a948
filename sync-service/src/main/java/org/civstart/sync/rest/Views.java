package org.civstart.sync.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.civstart.sync.domain.Backfill;
import org.civstart.sync.domain.MirroredRecord;
import org.civstart.sync.domain.Webhook;

/** What the admin API shows. A webhook's MAC secret is deliberately absent. */
public final class Views {

    private Views() {}

    public record WebhookView(
            String id,
            String baseId,
            String tableId,
            String notificationUrl,
            long cursor,
            Instant expirationTime,
            String status,
            String lastError,
            Instant createdAt,
            Instant lastRefreshedAt) {
        public static WebhookView of(Webhook w) {
            return new WebhookView(
                    w.id,
                    w.baseId,
                    w.tableId,
                    w.notificationUrl,
                    w.cursor,
                    w.expirationTime,
                    w.status.wireName(),
                    w.lastError,
                    w.createdAt,
                    w.lastRefreshedAt);
        }
    }

    /** {@code total} is null while running: Airtable does not tell a table's size before the last page. */
    public record BackfillView(
            UUID id,
            String baseId,
            String tableId,
            String status,
            long done,
            Long total,
            int pages,
            String error,
            Instant startedAt,
            Instant finishedAt) {
        public static BackfillView of(Backfill b) {
            return new BackfillView(
                    b.id,
                    b.baseId,
                    b.tableId,
                    b.status.wireName(),
                    b.done,
                    b.total,
                    b.pages,
                    b.error,
                    b.startedAt,
                    b.finishedAt);
        }
    }

    /** A mirrored Airtable record: our field names (in the kind's order), our {@code version} (as in the sync events). */
    public record RecordView(
            String recordId,
            String kind,
            String baseId,
            String tableId,
            Map<String, Object> fields,
            Instant airtableCreatedTime,
            Instant createdAt,
            Instant updatedAt,
            long version) {
        public static RecordView of(MirroredRecord r) {
            Map<String, Object> ordered = new LinkedHashMap<>();
            r.kind.fields().keySet().forEach(name -> {
                if (r.fields.containsKey(name)) {
                    ordered.put(name, r.fields.get(name));
                }
            });
            return new RecordView(
                    r.recordId,
                    r.kind.wireName(),
                    r.baseId,
                    r.tableId,
                    ordered,
                    r.airtableCreatedTime,
                    r.createdAt,
                    r.updatedAt,
                    r.version);
        }
    }
}
