package org.civstart.events.payload;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Dashboard counters: {@code scope} is {@code platform} (admins) or {@code startup} (that startup's dashboard). */
public record MetricsData(String scope, UUID startupId, Map<String, Long> counters, Instant computedAt) {}
