package org.civstart.notification.preference;

import java.util.List;
import java.util.Set;

import org.civstart.events.EventPatterns;
import org.civstart.events.EventType;

/**
 * An admin's saved event preferences applied to one domain event, with the gateway's rule: an empty
 * list does not restrict; a startups (signals) restriction passes only events of one of those
 * startups (signals); an events restriction passes an event when a pattern matches one of its
 * WebSocket names.
 */
public record EventFilter(List<String> events, Set<String> startups, Set<String> signals) {

    public boolean accepts(EventType type, String startupId, String signalId) {
        if (!startups.isEmpty() && (startupId == null || !startups.contains(startupId))) {
            return false;
        }
        if (!signals.isEmpty() && (signalId == null || !signals.contains(signalId))) {
            return false;
        }
        return events.isEmpty()
                || events.stream()
                        .anyMatch(p -> type.webSocketNames().stream().anyMatch(n -> EventPatterns.matches(p, n)));
    }
}
