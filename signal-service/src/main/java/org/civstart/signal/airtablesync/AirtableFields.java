package org.civstart.signal.airtablesync;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the mapped fields of an {@code AirtableSyncData} (names fixed with sync-service):
 * signal {@code title, summary, agency, sectors, tags, poolCost, dueDate}; startup
 * {@code name, sectors, tier}.
 *
 * <p>Airtable leaves empty cells out of a record. So in an update, a field that {@code changedFields}
 * names but {@code fields} lacks was cleared: {@link #text} returns "" and {@link #list} an empty
 * list, which the update operations read as "clear". Without {@code changedFields} every absent
 * field is left as it is.
 */
final class AirtableFields {

    private final Map<String, Object> fields;
    private final Set<String> cleared;

    AirtableFields(Map<String, Object> fields, List<String> changedFields, boolean update) {
        this.fields = fields == null ? Map.of() : fields;
        this.cleared = update && changedFields != null
                ? Set.copyOf(changedFields.stream()
                        .filter(f -> this.fields.get(f) == null)
                        .toList())
                : Set.of();
    }

    String text(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return cleared.contains(name) ? "" : null;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new MalformedSyncData(name + " must be text, was " + v.getClass().getSimpleName());
    }

    List<String> list(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return cleared.contains(name) ? List.of() : null;
        }
        if (v instanceof String s) {
            return List.of(s);
        }
        if (v instanceof List<?> l && l.stream().allMatch(e -> e instanceof String)) {
            return l.stream().map(String.class::cast).toList();
        }
        throw new MalformedSyncData(name + " must be a list of strings");
    }

    Integer integer(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return cleared.contains(name) ? 0 : null;
        }
        if (v instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw new MalformedSyncData(name + " must be an integer");
    }

    /** A cleared due date cannot be expressed by the update operation and is kept. */
    LocalDate date(String name) {
        Object v = fields.get(name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v.toString().length() > 10 ? v.toString().substring(0, 10) : v.toString());
        } catch (DateTimeParseException e) {
            throw new MalformedSyncData(name + " must be an ISO date, was " + v);
        }
    }
}
