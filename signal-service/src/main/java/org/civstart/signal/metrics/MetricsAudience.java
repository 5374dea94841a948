package org.civstart.signal.metrics;

import java.util.UUID;

/** Whose dashboard: the admins' (platform) or one startup's. */
public record MetricsAudience(UUID startupId) {

    public static final MetricsAudience PLATFORM = new MetricsAudience(null);

    public static MetricsAudience startup(UUID startupId) {
        return new MetricsAudience(startupId);
    }

    public boolean isPlatform() {
        return startupId == null;
    }
}
