package org.civstart.notification.domain;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * One user's marks on one notification of their inbox. Without a row the notification is unread for
 * that user (unless it carries an inbox-wide read mark: {@link Notification#legacyRead}).
 */
@Entity
@Table(name = "notification_state")
@IdClass(NotificationState.Key.class)
public class NotificationState extends PanacheEntityBase {

    @Id
    public String userId;

    @Id
    public UUID notificationId;

    public Instant readAt;
    /** The user removed it from their own view (the others of the inbox keep it). */
    public Instant deletedAt;
    /** The admin's saved event preferences exclude what it is about: never listed or counted for them. */
    public boolean hidden;

    public boolean visible() {
        return deletedAt == null && !hidden;
    }

    /** The composite primary key. */
    public static class Key implements Serializable {
        public String userId;
        public UUID notificationId;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k
                    && Objects.equals(userId, k.userId)
                    && Objects.equals(notificationId, k.notificationId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(userId, notificationId);
        }
    }
}
