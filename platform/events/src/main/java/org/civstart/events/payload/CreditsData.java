package org.civstart.events.payload;

import java.util.UUID;

/** A startup's credit balance after a ledger entry or a tier change. */
public record CreditsData(
        UUID startupId,
        long balance,
        long delta,
        String entryType,
        String reason,
        UUID ledgerEntryId,
        String tier,
        String previousTier,
        Integer monthlyAllotment) {
}
