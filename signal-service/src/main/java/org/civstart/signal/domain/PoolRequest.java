package org.civstart.signal.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.civstart.rest.NotFoundException;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A startup asks for a published (pool) signal; approval costs {@code creditCost} credits. */
@Entity
@Table(name = "pool_request")
public class PoolRequest extends PanacheEntityBase {

    @Id
    public UUID id;

    public UUID signalId;
    public UUID startupId;

    @Enumerated(EnumType.STRING)
    public PoolRequestStatus status;

    public int creditCost;
    public String message;
    public UUID assignmentId;
    public String decisionNote;
    public Instant createdAt;
    public Instant decidedAt;

    @Version
    public long version;

    /** The pool request with this id; a {@link NotFoundException} (404) when there is none. */
    public static PoolRequest require(UUID id) {
        return PoolRequest.<PoolRequest>findByIdOptional(id)
                .orElseThrow(() -> new NotFoundException("pool request", id));
    }

    /** The pool request with this id, its row locked until the transaction ends; 404 when there is none. */
    public static PoolRequest requireForUpdate(UUID id) {
        return PoolRequest.<PoolRequest>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new NotFoundException("pool request", id));
    }
}
