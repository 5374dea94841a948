package org.civstart.notification.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A user the service knows because they called its API: their inbox (from the token: role and
 * {@code startup_id}) and their exact unread count with its version. The count changes only under this
 * row's lock, in the transaction of the change, and {@code version} grows by one with each change.
 */
@Entity
@Table(name = "inbox_user")
public class InboxUser extends PanacheEntityBase {

    /** The token's {@code sub}. */
    @Id
    public String userId;
    /** {@code admin} or {@code startup}. */
    public String role;

    public UUID startupId;
    /** The inbox key: {@code startup:<startupId>} or {@code admins}. */
    public String inbox;

    public long unreadCount;
    public long version;
    public Instant createdAt;
    public Instant updatedAt;

    /** The user with this id, their row locked until the transaction ends; null when the service does not know them. */
    public static InboxUser findForUpdate(String userId) {
        return findById(userId, LockModeType.PESSIMISTIC_WRITE);
    }

    public Recipient recipient() {
        return Recipient.of(inbox);
    }
}
