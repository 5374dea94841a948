package org.civstart.signal.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.civstart.rest.NotFoundException;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A piece of government intelligence, identified to people as {@code SIG-ABC123}. */
@Entity
@Table(name = "signal")
public class Signal extends PanacheEntityBase {

    @Id
    public UUID id;

    public String signalIdentifier;
    public String title;
    public String summary;
    public String agency;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> sectors = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> tags = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    public SignalSource source;

    public String airtableRecordId;
    public int poolCost;
    public LocalDate dueDate;

    @Enumerated(EnumType.STRING)
    public SignalStatus status;

    public Instant createdAt;
    public Instant updatedAt;

    @Version
    public long version;

    /** A published signal is in the public pool: every startup may read it and request it. */
    public boolean inPool() {
        return status == SignalStatus.PUBLISHED;
    }

    public static Signal byAirtableRecordId(String recordId) {
        return find("airtableRecordId", recordId).firstResult();
    }

    /** The signal with this id; a {@link NotFoundException} (404) when there is none. */
    public static Signal require(UUID id) {
        return Signal.<Signal>findByIdOptional(id).orElseThrow(() -> new NotFoundException("signal", id));
    }

    /** The signal with this id, its row locked until the transaction ends; 404 when there is none. */
    public static Signal requireForUpdate(UUID id) {
        return Signal.<Signal>findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> new NotFoundException("signal", id));
    }

    /** The signals with these ids, by id, in one query (ids that name none are left out). */
    public static Map<UUID, Signal> byIds(Collection<UUID> ids) {
        return Index.byId(ids, distinct -> list("id in ?1", distinct), s -> s.id);
    }
}
