package org.civstart.signal.events;

import org.civstart.events.EventType;
import org.civstart.events.WireEnum;
import org.civstart.events.payload.CreditsData;
import org.civstart.outbox.OutboxEvent;
import org.civstart.signal.credits.CreditService;
import org.civstart.signal.domain.CreditAccount;
import org.civstart.signal.domain.LedgerEntry;
import org.civstart.signal.domain.Tier;

/** Outbox events of a startup's credits (record key and ce_startupid: the startup id). */
public final class CreditEvents {

    private CreditEvents() {}

    /** {@code credits.allocated}, {@code credits.deducted} or, for adjustments, nothing but {@link #updated}. */
    public static OutboxEvent posted(EventType type, LedgerEntry e, Tier tier, CreditAccount account) {
        return OutboxEvent.of(type, e.startupId, e.startupId, data(e, tier, account));
    }

    /** Every balance change: the new balance. */
    public static OutboxEvent updated(LedgerEntry e, Tier tier, CreditAccount account) {
        return OutboxEvent.of(EventType.CREDITS_UPDATED, e.startupId, e.startupId, data(e, tier, account));
    }

    public static OutboxEvent tierChanged(
            CreditService.Balance account, Tier tier, Tier previous, int monthlyAllotment) {
        return OutboxEvent.of(
                EventType.CREDITS_TIER_CHANGED,
                account.startupId(),
                account.startupId(),
                new CreditsData(
                        account.startupId(),
                        account.balance(),
                        0,
                        null,
                        "tier changed",
                        null,
                        WireEnum.wireName(tier),
                        WireEnum.wireName(previous),
                        monthlyAllotment,
                        account.version()));
    }

    private static CreditsData data(LedgerEntry e, Tier tier, CreditAccount account) {
        return new CreditsData(
                e.startupId,
                e.balanceAfter,
                e.amount,
                WireEnum.wireName(e.entryType),
                e.reason,
                e.id,
                WireEnum.wireName(tier),
                null,
                null,
                account.version);
    }
}
