package org.civstart.events;

import java.util.Arrays;
import java.util.List;

/**
 * Event-name patterns as WebSocket filters use them ({@code subscribe}, saved admin preferences):
 * a catalog WebSocket name such as {@code credits:updated}, or a prefix followed by one trailing
 * {@code *} ({@code signal:*}; {@code *} alone is everything).
 */
public final class EventPatterns {

    private static final List<String> NAMES = Arrays.stream(EventType.values())
            .flatMap(t -> t.webSocketNames().stream())
            .distinct()
            .sorted()
            .toList();

    private EventPatterns() {}

    /** Every WebSocket event name of the catalog (aliases included), once each, sorted. */
    public static List<String> webSocketNames() {
        return NAMES;
    }

    /** Whether {@code name} is matched by {@code pattern} (an exact name, or a prefix ending in {@code *}). */
    public static boolean matches(String pattern, String name) {
        if (pattern.endsWith("*")) {
            return name.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(name);
    }

    /**
     * Whether {@code pattern} names something the catalog publishes: one of its WebSocket names, or a
     * prefix with one trailing {@code *} that matches at least one of them.
     */
    public static boolean known(String pattern) {
        if (pattern == null
                || pattern.isEmpty()
                || pattern.indexOf('*') != pattern.lastIndexOf('*')
                || (pattern.contains("*") && !pattern.endsWith("*"))) {
            return false;
        }
        return NAMES.stream().anyMatch(name -> matches(pattern, name));
    }
}
