package org.civstart.events.payload;

import java.util.UUID;

/**
 * A startup's credit balance after a ledger entry or a tier change ({@code version}: the startup's
 * credit account, one more per balance change).
 */
public record CreditsData(
        UUID startupId,
        long balance,
        long delta,
        String entryType,
        String reason,
        UUID ledgerEntryId,
        String tier,
        String previousTier,
        Integer monthlyAllotment,
        Long version) {

    /** Without the resource's version (when the producer does not know it, e.g. an event built by hand in a test). */
    public CreditsData(
            UUID startupId,
            long balance,
            long delta,
            String entryType,
            String reason,
            UUID ledgerEntryId,
            String tier,
            String previousTier,
            Integer monthlyAllotment) {
        this(startupId, balance, delta, entryType, reason, ledgerEntryId, tier, previousTier, monthlyAllotment, null);
    }
}
