package org.civstart.signal.domain;

import java.time.Instant;
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
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.civstart.rest.NotFoundException;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A startup in the CivStart program (its credits live in {@link CreditAccount}). */
@Entity
@Table(name = "startup")
public class Startup extends PanacheEntityBase {

    @Id
    public UUID id;

    public String name;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> sectors = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    public Tier tier;

    public String airtableRecordId;
    public Instant createdAt;
    public Instant updatedAt;

    @Version
    public long version;

    public static Startup byAirtableRecordId(String recordId) {
        return find("airtableRecordId", recordId).firstResult();
    }

    /** The startup with this id; a {@link NotFoundException} (404) when there is none. */
    public static Startup require(UUID id) {
        return Startup.<Startup>findByIdOptional(id).orElseThrow(() -> new NotFoundException("startup", id));
    }

    /** The startups with these ids, by id, in one query (ids that name none are left out). */
    public static Map<UUID, Startup> byIds(Collection<UUID> ids) {
        return Index.byId(ids, distinct -> list("id in ?1", distinct), s -> s.id);
    }
}
