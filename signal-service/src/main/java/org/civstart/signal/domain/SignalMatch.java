package org.civstart.signal.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One stored match of the latest matcher run for a signal ({@code rank} 1 is best). */
@Entity
@Table(name = "signal_match")
@IdClass(SignalMatch.Key.class)
public class SignalMatch extends PanacheEntityBase {

    @Id
    public UUID signalId;

    @Id
    public UUID startupId;

    @Column(name = "rank")
    public int rank;

    public double score;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> reasons = new ArrayList<>();

    public Instant generatedAt;

    /** The composite id (signal, startup). */
    public static class Key implements Serializable {
        public UUID signalId;
        public UUID startupId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(signalId, k.signalId) && Objects.equals(startupId, k.startupId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(signalId, startupId);
        }
    }
}
