package org.civstart.events.payload;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the admin panel's {@code /analytics} page shows, over the last 7 and the last 30 days: how
 * startups answer the signals assigned to them, how connection and pool requests end, and where
 * credits go by tier. Everything counts what was created in the window (an assignment made 40 days
 * ago and answered yesterday is in neither window), computed from signal-service's own tables.
 */
public record AnalyticsData(Instant computedAt, List<AnalyticsWindow> windows) {

    /**
     * One window: things created at or after {@code since} ({@code days} days before {@code computedAt}).
     * The maps have every status (or tier) as a key, 0 when there is none.
     */
    public record AnalyticsWindow(
            int days,
            Instant since,
            AssignmentRates assignments,
            Map<String, Long> connectionsByStatus,
            Map<String, Long> poolRequestsByStatus,
            Map<String, Long> creditsSpentByTier) {}

    /**
     * Assignments created in the window and how far they got. {@code viewRate} = viewed / created,
     * {@code responseRate} = responded (interested or declined) / created, {@code interestRate} =
     * interested / responded; 0 when the divisor is 0; rounded to 4 decimals.
     */
    public record AssignmentRates(
            long created,
            long viewed,
            long responded,
            long interested,
            long declined,
            double viewRate,
            double responseRate,
            double interestRate) {}
}
