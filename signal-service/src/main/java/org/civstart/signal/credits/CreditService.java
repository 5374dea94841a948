package org.civstart.signal.credits;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import org.civstart.events.EventType;
import org.civstart.events.WireEnum;
import org.civstart.outbox.OutboxEvent;
import org.civstart.rest.ConflictException;
import org.civstart.rest.InvalidInputException;
import org.civstart.rest.Paging;
import org.civstart.signal.SignalConfig;
import org.civstart.signal.domain.CreditAccount;
import org.civstart.signal.domain.LedgerEntry;
import org.civstart.signal.domain.LedgerEntryType;
import org.civstart.signal.domain.Startup;
import org.civstart.signal.domain.Texts;
import org.civstart.signal.domain.Tier;
import org.civstart.signal.events.CreditEvents;
import org.jboss.logging.Logger;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

/**
 * Credits: an append-only ledger per startup and the balance it leaves.
 *
 * <p>Every posting locks the startup's {@code credit_account} row ({@code select ... for update})
 * before it reads the balance, so two concurrent deductions of the last credits serialize: the
 * second sees the first one's balance and fails with 409. Events: {@code credits.allocated} or
 * {@code credits.deducted} (adjustments have none of their own), then {@code credits.updated};
 * both carry the new balance.
 */
@ApplicationScoped
public class CreditService {

    private static final Logger LOG = Logger.getLogger(CreditService.class);

    @Inject
    Event<OutboxEvent> events;

    @Inject
    EntityManager em;

    @Inject
    SignalConfig config;

    public long balance(UUID startupId) {
        return account(startupId).balance();
    }

    /** A startup's balance and the version of its credit account (read, not locked). */
    public record Balance(UUID startupId, long balance, long version) {}

    public Balance account(UUID startupId) {
        Startup.require(startupId);
        Object[] row = em.createQuery(
                        "select a.balance, a.version from CreditAccount a where a.startupId = :id", Object[].class)
                .setParameter("id", startupId)
                .getSingleResult();
        return new Balance(startupId, (Long) row[0], (Long) row[1]);
    }

    /** One page of a startup's ledger, newest first, and the number of its entries. */
    public Paging.Page<LedgerEntry> ledger(UUID startupId, int page, int size) {
        Startup.require(startupId);
        List<LedgerEntry> entries = LedgerEntry.<LedgerEntry>find(
                        "startupId", Sort.descending("createdAt").and("id"), startupId)
                .page(Page.of(page, size))
                .list();
        return new Paging.Page<>(entries, page, size, LedgerEntry.count("startupId", startupId));
    }

    public int monthlyAllotment(Tier tier) {
        return config.credits().allotment(tier);
    }

    @Transactional
    public LedgerEntry allocate(
            @NotNull UUID startupId, @Positive long amount, @Size(max = 500) String reason, String reference) {
        return post(startupId, LedgerEntryType.ALLOCATION, amount, reason, reference);
    }

    /** @throws ConflictException when the balance does not cover {@code amount} (nothing changes) */
    @Transactional
    public LedgerEntry deduct(
            @NotNull UUID startupId, @Positive long amount, @Size(max = 500) String reason, String reference) {
        return post(startupId, LedgerEntryType.DEDUCTION, -amount, reason, reference);
    }

    /** A correction by an admin, either sign; the balance never goes below zero. */
    @Transactional
    public LedgerEntry adjust(@NotNull UUID startupId, long amount, @Size(max = 500) String reason) {
        if (amount == 0) {
            throw new InvalidInputException("amount", "must not be 0");
        }
        return post(startupId, LedgerEntryType.ADJUSTMENT, amount, reason, null);
    }

    /** A new startup's account, balance 0 (called by the startup creation, in its transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void open(Startup startup) {
        CreditAccount account = new CreditAccount();
        account.startupId = startup.id;
        account.balance = 0;
        account.updatedAt = Instant.now();
        account.persist();
    }

    /** Called by the startup update when the tier changes, in its transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void tierChanged(Startup startup, Tier previous) {
        events.fire(CreditEvents.tierChanged(
                account(startup.id), startup.tier, previous, config.credits().allotment(startup.tier)));
    }

    /**
     * Grants every startup its tier's allotment for {@code month}, once (the ledger reference
     * {@code allotment:YYYY-MM} is unique per startup, so running it again is harmless). One
     * transaction per startup.
     *
     * @return the number of startups credited now
     */
    public int grantMonthlyAllotments(YearMonth month) {
        String reference = "allotment:" + month;
        int granted = 0;
        for (Startup s : Startup.<Startup>listAll(Sort.ascending("id"))) {
            int amount = config.credits().allotment(s.tier);
            if (amount <= 0 || LedgerEntry.count("startupId = ?1 and reference = ?2", s.id, reference) > 0) {
                continue;
            }
            try {
                allocate(
                        s.id, amount, "monthly allotment " + month + " (" + WireEnum.wireName(s.tier) + ")", reference);
                granted++;
            } catch (ConflictException e) {
                LOG.debugf("allotment %s for %s already granted", month, s.id);
            }
        }
        return granted;
    }

    /** The one implementation of a ledger posting. */
    private LedgerEntry post(UUID startupId, LedgerEntryType type, long amount, String reason, String reference) {
        Startup startup = Startup.require(startupId);
        // Only loaded here, under the lock: never a stale copy in the persistence context.
        CreditAccount account = CreditAccount.findForUpdate(startupId);
        long after = account.balance + amount;
        if (after < 0) {
            throw new ConflictException(
                    "insufficient credits: startup " + startupId + " has " + account.balance + ", needs " + (-amount));
        }
        if (reference != null && LedgerEntry.count("startupId = ?1 and reference = ?2", startupId, reference) > 0) {
            throw new ConflictException("ledger entry " + reference + " was already posted for startup " + startupId);
        }
        LedgerEntry entry = new LedgerEntry();
        entry.id = UUID.randomUUID();
        entry.startupId = startupId;
        entry.entryType = type;
        entry.amount = amount;
        entry.balanceAfter = after;
        entry.reason = Texts.clean(reason);
        entry.reference = reference;
        entry.createdAt = Instant.now();
        entry.persist();
        account.balance = after;
        account.updatedAt = entry.createdAt;
        em.flush();
        switch (type) {
            case ALLOCATION ->
                events.fire(CreditEvents.posted(EventType.CREDITS_ALLOCATED, entry, startup.tier, account));
            case DEDUCTION ->
                events.fire(CreditEvents.posted(EventType.CREDITS_DEDUCTED, entry, startup.tier, account));
            case ADJUSTMENT -> {
                /* credits.updated below is the adjustment's event */
            }
        }
        events.fire(CreditEvents.updated(entry, startup.tier, account));
        return entry;
    }
}
