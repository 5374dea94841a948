package org.civstart.signal.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A startup's current balance: the {@code balance_after} of its latest ledger entry. Only
 * {@code CreditService} touches it, always under a row lock (see there). {@code version} grows with
 * every balance change (the {@code version} of credits events).
 */
@Entity
@Table(name = "credit_account")
public class CreditAccount extends PanacheEntityBase {

    @Id
    public UUID startupId;

    public long balance;
    public Instant updatedAt;

    @Version
    public long version;

    /** The startup's account, its row locked until the transaction ends (postings read the balance only so). */
    public static CreditAccount findForUpdate(UUID startupId) {
        return findById(startupId, LockModeType.PESSIMISTIC_WRITE);
    }
}
