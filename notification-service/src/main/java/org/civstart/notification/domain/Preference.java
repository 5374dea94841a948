package org.civstart.notification.domain;

import java.time.Instant;
import java.time.LocalTime;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A recipient's contact addresses and delivery choices. */
@Entity
@Table(name = "preference")
public class Preference extends PanacheEntityBase {

    @Id
    public String recipient;

    public String email;
    public String phone;
    public String pushToken;
    /** JSON object: category wire name → array of channel wire names. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String channels;

    public LocalTime quietStart;
    public LocalTime quietEnd;
    public String timeZone;
    public boolean digestEnabled;
    public int digestWindowSeconds;
    public Instant updatedAt;
}
