package org.civstart.signal.domain;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The where clause of a list query built from optional filters: a filter whose value is null is
 * left out, so {@code new Where()} alone matches every row.
 */
public final class Where {

    private final StringBuilder clause = new StringBuilder("1 = 1");
    private final Map<String, Object> params = new HashMap<>();

    /** Adds {@code and <condition>}, with {@code :name} bound to {@code value}, unless {@code value} is null. */
    public Where and(String condition, String name, Object value) {
        if (value != null) {
            clause.append(" and ").append(condition);
            params.put(name, value);
        }
        return this;
    }

    /** The clause, for a query that is sorted separately. */
    public String clause() {
        return clause.toString();
    }

    /** The whole query: the clause and its order. */
    public String orderedBy(String order) {
        return clause + " order by " + order;
    }

    public Map<String, Object> params() {
        return params;
    }

    /** A filter value compared with a lower-case column: trimmed and lower-case (null stays null). */
    public static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    /** A {@code like} pattern for a search text: {@code %text%}, lower-case; null when there is nothing to search. */
    public static String containing(String text) {
        return text == null || text.isBlank() ? null : "%" + lower(text) + "%";
    }
}
