package org.civstart.sync.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.civstart.rest.NotFoundException;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A full read of one table. {@link #done} counts records applied so far; Airtable's records API
 * does not tell the size of a table, so {@link #total} is known (and set) when the last page was read.
 */
@Entity
@Table(name = "airtable_backfill")
public class Backfill extends PanacheEntityBase {

    @Id
    public UUID id;

    public String baseId;
    public String tableId;

    @Enumerated(EnumType.STRING)
    public BackfillStatus status;

    public long done;
    public Long total;
    public int pages;
    public String error;
    public Instant startedAt;
    /** Touched after every page; a running backfill whose heartbeat is stale was abandoned by a dead process. */
    public Instant heartbeatAt;

    public Instant finishedAt;

    /** The backfill with this id; a {@link NotFoundException} (404) when there is none. */
    public static Backfill require(UUID id) {
        return Backfill.<Backfill>findByIdOptional(id).orElseThrow(() -> new NotFoundException("backfill", id));
    }

    /** The backfill with this id, its row locked until the transaction ends; null when there is none. */
    public static Backfill findForUpdate(UUID id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }
}
