package org.civstart.sync.mapping;

import static org.civstart.sync.mapping.FieldType.DATE;
import static org.civstart.sync.mapping.FieldType.INTEGER;
import static org.civstart.sync.mapping.FieldType.LINK;
import static org.civstart.sync.mapping.FieldType.LIST_OF_STRINGS;
import static org.civstart.sync.mapping.FieldType.TEXT;
import static org.civstart.sync.mapping.FieldType.TIER;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.EventType;
import org.civstart.events.WireEnum;

/**
 * What a mapped Airtable table holds, and the fields we publish for it. The field names and
 * types are the contract of the {@code airtable.<kind>.synced} events: signal-service reads the
 * signal and startup fields exactly as named here. Configuration maps Airtable field ids onto
 * these names (see {@link org.civstart.sync.SyncConfig}); a name not listed here is refused at startup.
 */
public enum Kind implements WireEnum {
    ORGANIZATION(
            EventType.AIRTABLE_ORGANIZATION_SYNCED,
            fields("name", TEXT, "website", TEXT, "sector", TEXT, "description", TEXT, "location", TEXT)),
    CONTACT(
            EventType.AIRTABLE_CONTACT_SYNCED,
            fields("name", TEXT, "email", TEXT, "phone", TEXT, "organization", LINK, "role", TEXT)),
    SIGNAL(
            EventType.AIRTABLE_SIGNAL_SYNCED,
            fields(
                    "title",
                    TEXT,
                    "summary",
                    TEXT,
                    "agency",
                    TEXT,
                    "sectors",
                    LIST_OF_STRINGS,
                    "tags",
                    LIST_OF_STRINGS,
                    "poolCost",
                    INTEGER,
                    "dueDate",
                    DATE)),
    STARTUP(EventType.AIRTABLE_STARTUP_SYNCED, fields("name", TEXT, "sectors", LIST_OF_STRINGS, "tier", TIER)),
    INTERACTION(
            EventType.AIRTABLE_INTERACTION_SYNCED,
            fields("contact", LINK, "organization", LINK, "date", DATE, "type", TEXT, "notes", TEXT));

    @EnumeratedValue
    private final String wire = wireName();

    private final EventType eventType;
    private final Map<String, FieldType> fields;

    Kind(EventType eventType, Map<String, FieldType> fields) {
        this.eventType = eventType;
        this.fields = fields;
    }

    /** The catalog entry of this kind's sync event. */
    public EventType eventType() {
        return eventType;
    }

    /** Our field names for this kind, with their types, in publication order. */
    public Map<String, FieldType> fields() {
        return fields;
    }

    private static Map<String, FieldType> fields(Object... nameTypePairs) {
        Map<String, FieldType> map = new LinkedHashMap<>();
        for (int i = 0; i < nameTypePairs.length; i += 2) {
            map.put((String) nameTypePairs[i], (FieldType) nameTypePairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
