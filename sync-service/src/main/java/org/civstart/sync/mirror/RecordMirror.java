package org.civstart.sync.mirror;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.civstart.outbox.OutboxEvent;
import org.civstart.sync.airtable.AirtableDtos.ChangedRecord;
import org.civstart.sync.domain.MirroredRecord;
import org.civstart.sync.events.SyncEvents;
import org.civstart.sync.mapping.Mappings.TableMapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Applies record changes to the mirror and fires the matching {@code airtable.<kind>.synced}
 * events, inside the caller's transaction. The one implementation of create / update / delete,
 * used by webhook payloads and backfills alike:
 * <ul>
 * <li>a record we do not have yet is created (event {@code created}, all its fields);</li>
 * <li>an update publishes only when a mapped field's value really changed; {@code changedFields}
 * names those fields and {@code fields} carries the record's whole state after the change;</li>
 * <li>a delete removes our copy (event {@code deleted} with the last known fields).</li>
 * </ul>
 * Each record row is locked while it is changed, so a backfill and a payload touching the same
 * record do not lose each other's update.
 */
@ApplicationScoped
public class RecordMirror {

    @Inject
    Event<OutboxEvent> events;

    @Inject
    ObjectMapper json;

    /** A record's full state (a created-record payload, a backfill page). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void upsert(
            String baseId, TableMapping table, String recordId, Instant createdTime, Map<String, JsonNode> cells) {
        Map<String, Object> fields = table.mapFull(cells);
        MirroredRecord r = MirroredRecord.findForUpdate(recordId);
        if (r == null) {
            create(baseId, table, recordId, createdTime, fields);
        } else {
            merge(r, table, fields);
        }
    }

    /** A changed-record payload: {@code current} holds the changed cells, {@code previous} their old values. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void change(String baseId, TableMapping table, String recordId, ChangedRecord change) {
        Map<String, JsonNode> current =
                change.current() == null ? null : change.current().cellValuesByFieldId();
        Map<String, Object> changes = table.map(current);
        // A cell that was cleared may be missing from current but present in previous.
        if (change.previous() != null && change.previous().cellValuesByFieldId() != null) {
            change.previous().cellValuesByFieldId().keySet().forEach(fieldId -> {
                var field = table.fieldsById().get(fieldId);
                if (field != null && (current == null || !current.containsKey(fieldId))) {
                    changes.put(field.name(), field.type().normalize(null));
                }
            });
        }
        if (changes.isEmpty()) {
            return; // only unmapped fields changed
        }
        MirroredRecord r = MirroredRecord.findForUpdate(recordId);
        if (r == null) {
            // Changed before we mirrored it (e.g. no backfill yet): keep what we learn.
            r = newRecord(baseId, table, recordId, null, changes);
            r.persist();
            events.fire(SyncEvents.synced(
                    r, SyncEvents.UPDATED, ordered(table, r.fields), List.copyOf(changes.keySet()), r.version));
            return;
        }
        merge(r, table, changes);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void delete(TableMapping table, String recordId) {
        MirroredRecord r = MirroredRecord.findForUpdate(recordId);
        if (r == null) {
            return; // never mirrored: nobody was told it exists
        }
        r.delete();
        events.fire(SyncEvents.synced(r, SyncEvents.DELETED, ordered(table, r.fields), List.of(), r.version + 1));
    }

    private void create(
            String baseId, TableMapping table, String recordId, Instant createdTime, Map<String, Object> fields) {
        MirroredRecord r = newRecord(baseId, table, recordId, createdTime, fields);
        r.persist();
        events.fire(SyncEvents.synced(
                r, SyncEvents.CREATED, ordered(table, fields), List.copyOf(fields.keySet()), r.version));
    }

    private void merge(MirroredRecord r, TableMapping table, Map<String, Object> changes) {
        List<String> changed = new ArrayList<>();
        changes.forEach((name, value) -> {
            if (!r.fields.containsKey(name) || !same(r.fields.get(name), value)) {
                changed.add(name);
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        Map<String, Object> merged = new LinkedHashMap<>(r.fields);
        changed.forEach(name -> merged.put(name, changes.get(name)));
        r.fields = merged;
        r.updatedAt = Instant.now();
        r.version++;
        events.fire(SyncEvents.synced(r, SyncEvents.UPDATED, ordered(table, merged), changed, r.version));
    }

    private static MirroredRecord newRecord(
            String baseId, TableMapping table, String recordId, Instant createdTime, Map<String, Object> fields) {
        MirroredRecord r = new MirroredRecord();
        r.recordId = recordId;
        r.baseId = baseId;
        r.tableId = table.tableId();
        r.kind = table.kind();
        r.fields = new LinkedHashMap<>(fields);
        r.airtableCreatedTime = createdTime;
        r.createdAt = Instant.now();
        r.updatedAt = r.createdAt;
        return r;
    }

    /** The fields in the kind's order (jsonb does not keep key order). */
    private static Map<String, Object> ordered(TableMapping table, Map<String, Object> fields) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        table.kind().fields().keySet().forEach(name -> {
            if (fields.containsKey(name)) {
                ordered.put(name, fields.get(name));
            }
        });
        return ordered;
    }

    /** Compares as JSON: a value read back from jsonb (Integer, ArrayList) equals the freshly mapped one (Long, List). */
    private boolean same(Object a, Object b) {
        try {
            return json.writeValueAsString(a).equals(json.writeValueAsString(b));
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
