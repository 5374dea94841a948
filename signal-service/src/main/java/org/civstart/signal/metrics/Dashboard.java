package org.civstart.signal.metrics;

import java.util.UUID;

import org.civstart.events.WireEnum;

/**
 * What {@link MetricsDebouncer} refreshes: the admins' dashboard counters ({@code metrics.updated},
 * key {@code platform}), one startup's dashboard ({@code metrics.updated}, key the startup id), or the
 * admins' analytics ({@code analytics.updated}).
 */
public record Dashboard(Kind kind, UUID startupId) {

    public enum Kind implements WireEnum {
        PLATFORM,
        STARTUP,
        ANALYTICS
    }

    public static final Dashboard PLATFORM = new Dashboard(Kind.PLATFORM, null);
    public static final Dashboard ANALYTICS = new Dashboard(Kind.ANALYTICS, null);

    public static Dashboard startup(UUID startupId) {
        return new Dashboard(Kind.STARTUP, startupId);
    }

    @Override
    public String toString() {
        return kind == Kind.STARTUP ? "startup " + startupId : kind.wireName();
    }
}
