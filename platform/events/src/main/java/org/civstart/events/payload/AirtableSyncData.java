package org.civstart.events.payload;

import java.util.List;
import java.util.Map;

/**
 * A mirrored Airtable record changed: {@code action} is created, updated or deleted;
 * {@code fields} holds our mapped field names and values (for updates, {@code changedFields} names
 * the ones that changed). {@code version}: our mirror's version of the record (0 when created, one
 * more per change; a deletion counts as a change).
 */
public record AirtableSyncData(
        String kind,
        String action,
        String baseId,
        String tableId,
        String airtableRecordId,
        Map<String, Object> fields,
        List<String> changedFields,
        Long version) {}
