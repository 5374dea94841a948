package org.civstart.sync.domain;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.civstart.rest.NotFoundException;
import org.civstart.sync.mapping.Kind;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Our copy of one record of a mapped Airtable table, in our field names; {@code version} grows with every change. */
@Entity
@Table(name = "airtable_record")
public class MirroredRecord extends PanacheEntityBase {

    @Id
    public String recordId;

    public String baseId;
    public String tableId;

    @Enumerated(EnumType.STRING)
    public Kind kind;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public Map<String, Object> fields = new LinkedHashMap<>();

    public Instant airtableCreatedTime;
    public Instant createdAt;
    public Instant updatedAt;
    /** One more per change of a mapped field (set by {@code RecordMirror}; rows are locked while changed). */
    public long version;

    /** The mirrored record of this kind; a {@link NotFoundException} (404) when we mirror no such record of that kind. */
    public static MirroredRecord require(Kind kind, String recordId) {
        MirroredRecord r = findById(recordId);
        if (r == null || r.kind != kind) {
            throw new NotFoundException(kind.wireName(), recordId);
        }
        return r;
    }

    /** The record, its row locked until the transaction ends; null when we do not mirror it. */
    public static MirroredRecord findForUpdate(String recordId) {
        return findById(recordId, LockModeType.PESSIMISTIC_WRITE);
    }
}
