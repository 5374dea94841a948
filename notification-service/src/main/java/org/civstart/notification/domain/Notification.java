package org.civstart.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One entry of an inbox ({@code startup:<uuid>}: every user of that startup; {@code admins}: every
 * admin), one row however many users the inbox has. Each user's read and deleted marks are
 * {@link NotificationState} rows; {@code legacyRead} is an inbox-wide read mark (schema V1's read state,
 * kept by migration V2): it counts as read for every user of the inbox, and the service never sets it.
 */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    @Id
    public UUID id;

    public String recipient;
    public UUID startupId;

    @Enumerated(EnumType.STRING)
    public Category category;

    public String eventType;
    public String sourceEventId;
    public String title;
    public String body;
    public String link;
    /** The domain event's payload (JSON) the templates render. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String data;

    public boolean legacyRead;
    public Instant legacyReadAt;
    public Instant createdAt;

    public Recipient recipient() {
        return Recipient.of(recipient);
    }
}
