package org.civstart.sync.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.civstart.sync.SyncConfig;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The configured table mappings, checked once: every mapped name must be a field of its kind
 * (a typo would otherwise silently drop data), so a bad mapping stops the service at startup.
 */
@ApplicationScoped
public class Mappings {

    private final Map<String, TableMapping> byTableId;

    @Inject
    public Mappings(SyncConfig config) {
        this.byTableId = build(config.tables());
    }

    /** The mapping of an Airtable table, if the table is mapped. */
    public Optional<TableMapping> table(String tableId) {
        return Optional.ofNullable(byTableId.get(tableId));
    }

    public Map<String, TableMapping> all() {
        return byTableId;
    }

    /** Validates and indexes the configuration; throws naming every bad entry. */
    public static Map<String, TableMapping> build(Map<String, SyncConfig.TableMapping> tables) {
        List<String> problems = new ArrayList<>();
        Map<String, TableMapping> result = new LinkedHashMap<>();
        tables.forEach((tableId, t) -> {
            Map<String, Field> fields = new LinkedHashMap<>();
            t.fields().forEach((fieldId, name) -> {
                FieldType type = t.kind().fields().get(name);
                if (type == null) {
                    problems.add("civstart.sync.airtable.tables." + tableId + ".fields." + fieldId + "=" + name
                            + ": a " + t.kind().wireName() + " has no field '" + name + "' (known: "
                            + String.join(", ", t.kind().fields().keySet()) + ")");
                } else {
                    fields.put(fieldId, new Field(fieldId, name, type));
                }
            });
            result.put(tableId, new TableMapping(tableId, t.kind(), Map.copyOf(fields)));
        });
        if (!problems.isEmpty()) {
            throw new IllegalStateException("invalid Airtable table mapping:\n  " + String.join("\n  ", problems));
        }
        return Map.copyOf(result);
    }

    public record Field(String fieldId, String name, FieldType type) {}

    /** One mapped table: its kind and its mapped fields by Airtable field id. */
    public record TableMapping(String tableId, Kind kind, Map<String, Field> fieldsById) {

        /**
         * Our fields of the given Airtable cells ({@code cellValuesByFieldId}), normalized;
         * unmapped fields are dropped, and so are mapped fields absent from {@code cells}.
         */
        public Map<String, Object> map(Map<String, JsonNode> cells) {
            Map<String, Object> mapped = new LinkedHashMap<>();
            if (cells == null) {
                return mapped;
            }
            cells.forEach((fieldId, value) -> {
                Field f = fieldsById.get(fieldId);
                if (f != null) {
                    mapped.put(f.name(), f.type().normalize(value));
                }
            });
            return mapped;
        }

        /** Our fields of a full record: every mapped field, with empty cells as null (or an empty list). */
        public Map<String, Object> mapFull(Map<String, JsonNode> cells) {
            Map<String, Object> mapped = new LinkedHashMap<>();
            fieldsById
                    .values()
                    .forEach(f ->
                            mapped.put(f.name(), f.type().normalize(cells == null ? null : cells.get(f.fieldId()))));
            return mapped;
        }
    }
}
