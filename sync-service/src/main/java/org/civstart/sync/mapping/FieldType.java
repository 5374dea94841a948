package org.civstart.sync.mapping;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * How an Airtable cell value becomes the value of one of our fields. Airtable sends cells in two
 * shapes: the webhook payloads use the "V2 cell value format" (a single select is
 * {@code {"id","name","color"}}, a linked record {@code {"id","name"}}), the records API used by the
 * backfill plain strings and record ids. Both normalize to the same value, so a record read by a
 * backfill and the same record seen in a payload compare equal.
 */
public enum FieldType {

    /** A string; a select or collaborator gives its name, several values are joined with ", ". */
    TEXT {
        @Override
        public Object normalize(JsonNode cell) {
            if (absent(cell)) {
                return null;
            }
            if (cell.isArray()) {
                List<String> parts = strings(cell);
                return parts.isEmpty() ? null : String.join(", ", parts);
            }
            return scalar(cell);
        }
    },

    /** A list of strings (multiple select, multiple collaborators, lookups); never null, empty when cleared. */
    LIST_OF_STRINGS {
        @Override
        public List<String> normalize(JsonNode cell) {
            return strings(cell);
        }
    },

    /** A whole number (number, currency, count, or a numeric string); rounded; null if not a number. */
    INTEGER {
        @Override
        public Long normalize(JsonNode cell) {
            if (absent(cell)) {
                return null;
            }
            if (cell.isNumber()) {
                return Math.round(cell.doubleValue());
            }
            if (cell.isTextual()) {
                try {
                    return Math.round(Double.parseDouble(cell.asText().trim()));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }
    },

    /** An ISO date ({@code 2025-03-01}); a date-time gives its UTC date; null if unreadable. */
    DATE {
        @Override
        public String normalize(JsonNode cell) {
            if (absent(cell) || !cell.isTextual()) {
                return null;
            }
            String text = cell.asText().trim();
            try {
                if (text.contains("T")) {
                    return OffsetDateTime.parse(text)
                            .withOffsetSameInstant(ZoneOffset.UTC)
                            .toLocalDate()
                            .toString();
                }
                return LocalDate.parse(text).toString();
            } catch (DateTimeParseException e) {
                return null;
            }
        }
    },

    /** A startup tier: {@code starter}, {@code growth} or {@code enterprise} (case-insensitive); null otherwise. */
    TIER {
        private static final Set<String> TIERS = Set.of("starter", "growth", "enterprise");

        @Override
        public String normalize(JsonNode cell) {
            Object text = TEXT.normalize(cell);
            if (text == null) {
                return null;
            }
            String tier = text.toString().trim().toLowerCase(Locale.ROOT);
            return TIERS.contains(tier) ? tier : null;
        }
    },

    /** A linked record: the Airtable record id of the first linked record. */
    LINK {
        @Override
        public String normalize(JsonNode cell) {
            if (absent(cell)) {
                return null;
            }
            JsonNode first = cell.isArray() ? (cell.isEmpty() ? null : cell.get(0)) : cell;
            if (first == null) {
                return null;
            }
            if (first.isObject()) {
                JsonNode id = first.get("id");
                return id == null || !id.isTextual() ? null : id.asText();
            }
            return first.isTextual() ? first.asText() : null;
        }
    };

    /** The normalized value: a String, Long, or List of Strings; null when the cell is empty. */
    public abstract Object normalize(JsonNode cell);

    private static List<String> strings(JsonNode cell) {
        List<String> values = new ArrayList<>();
        if (absent(cell)) {
            return values;
        }
        if (cell.isArray()) {
            cell.forEach(element -> {
                String s = scalar(element);
                if (s != null) {
                    values.add(s);
                }
            });
        } else {
            String s = scalar(cell);
            if (s != null) {
                values.add(s);
            }
        }
        return values;
    }

    private static boolean absent(JsonNode cell) {
        return cell == null || cell.isNull() || cell.isMissingNode();
    }

    /** A string for a scalar cell, the name (else id) of an object cell. */
    private static String scalar(JsonNode node) {
        if (absent(node)) {
            return null;
        }
        if (node.isObject()) {
            JsonNode name = node.get("name");
            if (name != null && name.isTextual()) {
                return name.asText();
            }
            JsonNode id = node.get("id");
            return id != null && id.isTextual() ? id.asText() : null;
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        return null;
    }
}
