package org.civstart.signal.events;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.civstart.events.EventType;
import org.civstart.events.payload.AnalyticsData;
import org.civstart.events.payload.MetricsData;
import org.civstart.outbox.OutboxEvent;

/** Dashboard counters (key {@code platform} for admins, the startup id for a startup's own dashboard) and analytics. */
public final class MetricsEvents {

    public static final String PLATFORM = "platform";
    public static final String STARTUP = "startup";
    public static final String ANALYTICS = "analytics";

    private MetricsEvents() {}

    public static OutboxEvent platform(Map<String, Long> counters) {
        return OutboxEvent.of(
                EventType.METRICS_UPDATED, PLATFORM, null, new MetricsData(PLATFORM, null, counters, Instant.now()));
    }

    /** The admins' analytics; key {@code analytics}. */
    public static OutboxEvent analytics(AnalyticsData data) {
        return OutboxEvent.of(EventType.ANALYTICS_UPDATED, ANALYTICS, null, data);
    }

    public static OutboxEvent startup(UUID startupId, Map<String, Long> counters) {
        return OutboxEvent.of(
                EventType.METRICS_UPDATED,
                startupId,
                startupId,
                new MetricsData(STARTUP, startupId, counters, Instant.now()));
    }
}
