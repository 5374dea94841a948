package org.civstart.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One entry of a recipient's in-app inbox. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

    @Id
    public UUID id;
    public String recipient;
    public UUID startupId;
    public Category category;
    public String eventType;
    public String sourceEventId;
    public String title;
    public String body;
    public String link;
    /** The domain event's payload (JSON) the templates render. */
    @JdbcTypeCode(SqlTypes.JSON)
    public String data;
    public boolean read;
    public Instant readAt;
    public Instant createdAt;

    public Recipient recipient() {
        return Recipient.of(recipient);
    }

    public static long unreadCount(String recipient) {
        return count("recipient = ?1 and read = false", recipient);
    }
}
