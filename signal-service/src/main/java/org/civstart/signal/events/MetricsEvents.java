package org.civstart.signal.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.civstart.events.EventType;
import org.civstart.events.payload.MetricsData;
import org.civstart.outbox.OutboxEvent;

/** Dashboard counters: key {@code platform} for admins, the startup id for a startup's own dashboard. */
public final class MetricsEvents {

    public static final String PLATFORM = "platform";
    public static final String STARTUP = "startup";

    private MetricsEvents() {
    }

    public static OutboxEvent platform(Map<String, Long> counters) {
        return OutboxEvent.of(EventType.METRICS_UPDATED, PLATFORM, null,
                new MetricsData(PLATFORM, null, counters, Instant.now()));
    }

    public static OutboxEvent startup(UUID startupId, Map<String, Long> counters) {
        return OutboxEvent.of(EventType.METRICS_UPDATED, startupId, startupId,
                new MetricsData(STARTUP, startupId, counters, Instant.now()));
    }
}
