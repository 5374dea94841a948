package org.civstart.sync.domain;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import org.civstart.rest.NotFoundException;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An Airtable webhook we registered. {@link #macSecretBase64} verifies its pings; it is returned by
 * Airtable once, stored here, and never logged or returned by our API (no toString, no view).
 * {@link #cursor} is the number of the next payload to apply.
 */
@Entity
@Table(name = "airtable_webhook")
public class Webhook extends PanacheEntityBase {

    @Id
    public String id;

    public String baseId;
    /** The table the webhook watches, or null for every table of the base. */
    public String tableId;

    public String notificationUrl;
    public String macSecretBase64;
    public long cursor;
    public Instant expirationTime;

    @Enumerated(EnumType.STRING)
    public WebhookStatus status;

    public String lastError;
    public Instant createdAt;
    public Instant updatedAt;
    public Instant lastRefreshedAt;

    /** The webhook with this id; a {@link NotFoundException} (404) when there is none. */
    public static Webhook require(String id) {
        return Webhook.<Webhook>findByIdOptional(id).orElseThrow(() -> new NotFoundException("webhook", id));
    }

    /** The webhook with this id, its row locked until the transaction ends; null when there is none. */
    public static Webhook findForUpdate(String id) {
        return findById(id, LockModeType.PESSIMISTIC_WRITE);
    }

    public boolean isActive() {
        return status == WebhookStatus.ACTIVE;
    }
}
