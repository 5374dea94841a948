package org.civstart.sync.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.civstart.outbox.OutboxEvent;
import org.civstart.rest.ConflictException;
import org.civstart.rest.InvalidInputException;
import org.civstart.sync.SyncConfig;
import org.civstart.sync.airtable.AirtableApi;
import org.civstart.sync.airtable.AirtableDtos.CreatedWebhook;
import org.civstart.sync.airtable.AirtableDtos.RefreshedWebhook;
import org.civstart.sync.airtable.AirtableRejectedException;
import org.civstart.sync.domain.Ping;
import org.civstart.sync.domain.Webhook;
import org.civstart.sync.domain.WebhookStatus;
import org.civstart.sync.events.SyncEvents;
import org.civstart.sync.mapping.Mappings;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The lifecycle of our Airtable webhooks: register, refresh, fail / expire (with the
 * {@code airtable.webhook.failed} event), delete. Calls to Airtable happen outside database
 * transactions; the result is stored in a short transaction afterwards.
 */
@ApplicationScoped
public class Webhooks {

    private static final Logger LOG = Logger.getLogger(Webhooks.class);

    @Inject
    AirtableApi api;

    @Inject
    SyncConfig config;

    @Inject
    Mappings mappings;

    @Inject
    Event<OutboxEvent> events;

    /**
     * Registers a webhook for {@code tableId} of {@code baseId} (every table of the base when
     * null) whose pings come to {@code civstart.sync.airtable.notification-url}.
     */
    public Webhook register(String baseId, String tableId) {
        if (tableId != null && mappings.table(tableId).isEmpty()) {
            throw new InvalidInputException("tableId", "is not a mapped table (see civstart.sync.airtable.tables)");
        }
        boolean duplicate = Webhook.<Webhook>find("baseId = ?1 and status = ?2", baseId, WebhookStatus.ACTIVE).stream()
                .anyMatch(w -> Objects.equals(w.tableId, tableId));
        if (duplicate) {
            throw new ConflictException(
                    "an active webhook already watches " + baseId + (tableId == null ? "" : "/" + tableId));
        }
        CreatedWebhook created = api.createWebhook(baseId, tableId, config.notificationUrl());
        Webhook w = QuarkusTransaction.requiringNew().call(() -> {
            Webhook n = new Webhook();
            n.id = created.id();
            n.baseId = baseId;
            n.tableId = tableId;
            n.notificationUrl = config.notificationUrl();
            n.macSecretBase64 = created.macSecretBase64();
            n.cursor = 1;
            n.expirationTime = created.expirationTime();
            n.status = WebhookStatus.ACTIVE;
            n.createdAt = Instant.now();
            n.updatedAt = n.createdAt;
            n.persist();
            return n;
        });
        LOG.infof(
                "registered Airtable webhook %s for %s%s, expires %s",
                w.id, baseId, tableId == null ? "" : "/" + tableId, w.expirationTime);
        return w;
    }

    public Webhook get(String id) {
        return Webhook.require(id);
    }

    public List<Webhook> list() {
        return Webhook.list("order by createdAt");
    }

    /** Active webhooks expiring within {@code civstart.sync.airtable.refresh.ahead} are refreshed; expired ones are marked. */
    public void refreshDue() {
        Instant now = Instant.now();
        for (Webhook w : Webhook.<Webhook>list("status = ?1 and expirationTime is not null", WebhookStatus.ACTIVE)) {
            if (!w.expirationTime.isAfter(now)) {
                QuarkusTransaction.requiringNew()
                        .run(() -> markFailed(
                                w.id, WebhookStatus.EXPIRED, "expired at " + w.expirationTime + " without a refresh"));
            } else if (w.expirationTime.isBefore(now.plus(config.refresh().ahead()))) {
                try {
                    refresh(w.id);
                } catch (RuntimeException e) {
                    LOG.warnf(
                            "refreshing Airtable webhook %s failed, trying again at the next round: %s",
                            w.id, e.getMessage());
                }
            }
        }
    }

    /** Extends the webhook's life (7 days from now); a refusal by Airtable marks the webhook failed. */
    public Webhook refresh(String id) {
        Webhook w = Webhook.require(id);
        if (!w.isActive()) {
            throw new ConflictException("webhook " + id + " is " + w.status.wireName() + ": register a new one");
        }
        RefreshedWebhook refreshed;
        try {
            refreshed = api.refresh(w.baseId, w.id);
        } catch (AirtableRejectedException e) {
            QuarkusTransaction.requiringNew()
                    .run(() -> markFailed(id, WebhookStatus.FAILED, "refresh refused: " + e.getMessage()));
            throw e;
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Webhook locked = Webhook.findForUpdate(id);
            locked.expirationTime = refreshed.expirationTime();
            locked.lastRefreshedAt = Instant.now();
            locked.updatedAt = locked.lastRefreshedAt;
            LOG.infof("refreshed Airtable webhook %s: expires %s", id, locked.expirationTime);
            return locked;
        });
    }

    /** Marks an active webhook failed or expired and tells staff (once). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void markFailed(String id, WebhookStatus status, String error) {
        Webhook w = Webhook.findForUpdate(id);
        if (w == null || !w.isActive()) {
            return;
        }
        w.status = status;
        w.lastError = error;
        w.updatedAt = Instant.now();
        LOG.errorf("Airtable webhook %s (base %s) is %s: %s", w.id, w.baseId, status.wireName(), error);
        events.fire(SyncEvents.webhookFailed(w));
    }

    /** Deletes the webhook at Airtable (if it still exists there) and here. */
    public void delete(String id) {
        Webhook w = Webhook.require(id);
        try {
            api.deleteWebhook(w.baseId, w.id);
        } catch (AirtableRejectedException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        QuarkusTransaction.requiringNew().run(() -> {
            Ping.delete("webhookId", id);
            Webhook.deleteById(id);
        });
        LOG.infof("deleted Airtable webhook %s", id);
    }
}
