package org.civstart.peer.airtable;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack's Airtable base: one table for each kind of record sync-service mirrors, with
 * Airtable-style table and field ids, and how a value typed by a person becomes an Airtable cell.
 * The local stack configures sync-service from {@link #syncServiceProperties()} and edits the base
 * through {@link #cells}; sync-service's tests check this mapping against its field contract.
 */
public final class DemoBase {

    public static final String BASE = "appCivStartDemo01";

    /** How a field's value is written into an Airtable cell (the shapes Airtable's payloads use). */
    public enum Cell {
        /** a single line or long text */
        TEXT,
        /** a single select: {@code {"name": ...}} */
        SELECT,
        /** a multiple select from a comma list: {@code [{"name": ...}, ...]} */
        MULTI_SELECT,
        /** a number */
        NUMBER,
        /** a date, {@code yyyy-MM-dd} */
        DATE,
        /** a link to another record: {@code [{"id": "rec..."}]} */
        LINK
    }

    /** One field: our name (sync-service's), the Airtable field id, the cell shape. */
    public record Field(String name, String id, Cell cell) {}

    /** The tables, one per kind ({@code kind} is sync-service's kind name). */
    public enum Table {
        ORGANIZATIONS(
                "organization",
                "tblDemoOrganiza01",
                new Field("name", "fldDemoOrgName001", Cell.TEXT),
                new Field("website", "fldDemoOrgWebsite", Cell.TEXT),
                new Field("sector", "fldDemoOrgSector1", Cell.SELECT),
                new Field("description", "fldDemoOrgDescrip", Cell.TEXT),
                new Field("location", "fldDemoOrgLocatio", Cell.TEXT)),
        CONTACTS(
                "contact",
                "tblDemoContacts01",
                new Field("name", "fldDemoConName001", Cell.TEXT),
                new Field("email", "fldDemoConEmail01", Cell.TEXT),
                new Field("phone", "fldDemoConPhone01", Cell.TEXT),
                new Field("role", "fldDemoConRole001", Cell.TEXT),
                new Field("organization", "fldDemoConOrganiz", Cell.LINK)),
        SIGNALS(
                "signal",
                "tblDemoSignals001",
                new Field("title", "fldDemoSigTitle01", Cell.TEXT),
                new Field("summary", "fldDemoSigSummary", Cell.TEXT),
                new Field("agency", "fldDemoSigAgency1", Cell.TEXT),
                new Field("sectors", "fldDemoSigSectors", Cell.MULTI_SELECT),
                new Field("tags", "fldDemoSigTags001", Cell.MULTI_SELECT),
                new Field("poolCost", "fldDemoSigPoolCos", Cell.NUMBER),
                new Field("dueDate", "fldDemoSigDueDate", Cell.DATE)),
        STARTUPS(
                "startup",
                "tblDemoStartups01",
                new Field("name", "fldDemoStaName001", Cell.TEXT),
                new Field("sectors", "fldDemoStaSectors", Cell.MULTI_SELECT),
                new Field("tier", "fldDemoStaTier001", Cell.SELECT)),
        INTERACTIONS(
                "interaction",
                "tblDemoInteract01",
                new Field("contact", "fldDemoIntContact", Cell.LINK),
                new Field("organization", "fldDemoIntOrganiz", Cell.LINK),
                new Field("date", "fldDemoIntDate001", Cell.DATE),
                new Field("type", "fldDemoIntType001", Cell.SELECT),
                new Field("notes", "fldDemoIntNotes01", Cell.TEXT));

        private final String kind;
        private final String id;
        private final List<Field> fields;

        Table(String kind, String id, Field... fields) {
            this.kind = kind;
            this.id = id;
            this.fields = List.of(fields);
        }

        public String kind() {
            return kind;
        }

        public String id() {
            return id;
        }

        public List<Field> fields() {
            return fields;
        }

        public Optional<Field> field(String name) {
            return fields.stream().filter(f -> f.name().equals(name)).findFirst();
        }

        /** The table of a kind: {@code organization} or {@code organizations}, any case. */
        public static Optional<Table> ofKind(String kind) {
            String k = kind.toLowerCase(Locale.ROOT);
            return Arrays.stream(values())
                    .filter(t -> t.kind.equals(k) || (t.kind + "s").equals(k))
                    .findFirst();
        }
    }

    private DemoBase() {}

    /** sync-service's table mapping of this base ({@code civstart.sync.airtable.tables.*}). */
    public static Map<String, String> syncServiceProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        for (Table t : Table.values()) {
            String prefix = "civstart.sync.airtable.tables." + t.id();
            p.put(prefix + ".kind", t.kind());
            t.fields().forEach(f -> p.put(prefix + ".fields." + f.id(), f.name()));
        }
        return p;
    }

    /**
     * Airtable cells (by field id) of values given by our field names, as a person types them:
     * lists as comma lists, links as record ids, numbers and dates as text. An empty value clears the
     * cell (null).
     *
     * @throws IllegalArgumentException naming a field the table does not have, or a number that is not one
     */
    public static Map<String, Object> cells(Table table, Map<String, String> values) {
        Map<String, Object> cells = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            Field f = table.field(name)
                    .orElseThrow(() -> new IllegalArgumentException("a " + table.kind() + " has no field '" + name
                            + "' (fields: "
                            + String.join(
                                    ", ",
                                    table.fields().stream().map(Field::name).toList()) + ")"));
            cells.put(f.id(), value == null || value.isBlank() ? null : cell(f, value.trim()));
        });
        return cells;
    }

    private static Object cell(Field f, String value) {
        return switch (f.cell()) {
            case TEXT, DATE -> value;
            case SELECT -> Map.of("name", value);
            case MULTI_SELECT -> {
                List<Object> options = new ArrayList<>();
                for (String part : value.split(",")) {
                    if (!part.isBlank()) {
                        options.add(Map.of("name", part.trim()));
                    }
                }
                yield options;
            }
            case NUMBER -> {
                try {
                    yield Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(f.name() + " must be a number, not '" + value + "'");
                }
            }
            case LINK -> List.of(Map.of("id", value));
        };
    }
}
