package org.civstart.gateway.fanout;

import java.util.List;
import java.util.Set;

/**
 * What a connection asked for with {@code subscribe}: event-name patterns ({@code signal:*},
 * {@code credits:updated}, {@code *}) and, for admins, startup and signal ids. Empty means all.
 */
public record Filter(List<String> events, Set<String> startups, Set<String> signals) {

    public static final Filter ALL = new Filter(List.of(), Set.of(), Set.of());

    public boolean accepts(String eventName, GatewayEvent e) {
        if (!startups.isEmpty() && (e.startupId() == null || !startups.contains(e.startupId()))) {
            return false;
        }
        if (!signals.isEmpty() && (e.signalId() == null || !signals.contains(e.signalId()))) {
            return false;
        }
        if (events.isEmpty()) {
            return true;
        }
        for (String pattern : events) {
            if (matches(pattern, eventName)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(String pattern, String name) {
        if (pattern.endsWith("*")) {
            return name.startsWith(pattern.substring(0, pattern.length() - 1));
        }
        return pattern.equals(name);
    }

    /** A pattern is a name, or a prefix followed by one trailing {@code *}. */
    public static boolean validPattern(String pattern) {
        return pattern != null && !pattern.isEmpty() && pattern.length() <= 100
                && pattern.matches("[a-zA-Z:]*\\*?") && pattern.indexOf('*') == pattern.lastIndexOf('*');
    }
}
