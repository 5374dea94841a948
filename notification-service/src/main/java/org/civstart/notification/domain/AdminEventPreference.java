package org.civstart.notification.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What one admin saved to see live: WebSocket event-name patterns, startups and signals (JSON arrays;
 * empty = no restriction). {@code version} grows by one with every save or reset.
 */
@Entity
@Table(name = "admin_event_preference")
public class AdminEventPreference extends PanacheEntityBase {

    /** The admin's token {@code sub}. */
    @Id
    public String userId;

    @JdbcTypeCode(SqlTypes.JSON)
    public String events;

    @JdbcTypeCode(SqlTypes.JSON)
    public String startups;

    @JdbcTypeCode(SqlTypes.JSON)
    public String signals;

    public long version;
    public Instant updatedAt;

    /** The admin's saved preferences, their row locked until the transaction ends; null when never saved. */
    public static AdminEventPreference findForUpdate(String userId) {
        return findById(userId, LockModeType.PESSIMISTIC_WRITE);
    }
}
