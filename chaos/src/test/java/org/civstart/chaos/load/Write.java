package org.civstart.chaos.load;

import java.util.UUID;

/**
 * One credit adjustment as its writer saw it: the {@code Idempotency-Key} every attempt carried,
 * the final status (0 when it never got an answer before the run ended), the ledger entry id the
 * 2xx answer named, and how many attempts it took.
 */
public record Write(
        String key,
        UUID startupId,
        long amount,
        int status,
        UUID ledgerEntryId,
        int attempts,
        long firstAttemptNanos,
        long answeredNanos) {

    public boolean succeeded() {
        return status / 100 == 2;
    }
}
