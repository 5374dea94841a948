package org.civstart.signal.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One append-only credit ledger entry ({@code amount} is signed; the database refuses updates and deletes). */
@Entity
@Immutable
@Table(name = "credit_ledger_entry")
public class LedgerEntry extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID startupId;

    @Enumerated(EnumType.STRING)
    public LedgerEntryType entryType;

    public long amount;
    public long balanceAfter;
    public String reason;
    /** A business reference that may be posted once per startup (pool-request:&lt;id&gt;, allotment:2025-03). */
    public String reference;

    public Instant createdAt;
}
