package org.civstart.sync.webhook;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.civstart.sync.airtable.AirtableDtos.Payload;
import org.civstart.sync.airtable.AirtableDtos.TableChanges;
import org.civstart.sync.domain.Webhook;
import org.civstart.sync.domain.WebhookStatus;
import org.civstart.sync.mapping.Mappings;
import org.civstart.sync.mapping.Mappings.TableMapping;
import org.civstart.sync.mirror.RecordMirror;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Applies ONE webhook payload in ONE transaction: the mirrored-record upserts and deletes, their
 * outbox events and the webhook's cursor commit together or not at all. The webhook row is locked
 * and the payload's number compared with the stored cursor, so a payload is applied exactly once
 * even when a crash, a retry or a second replica fetches it again.
 */
@ApplicationScoped
public class PayloadApplier {

    private static final Logger LOG = Logger.getLogger(PayloadApplier.class);

    public enum Result {
        APPLIED,
        /** The stored cursor is past this payload already. */
        ALREADY_APPLIED,
        /** An error payload: the webhook is now failed. */
        WEBHOOK_FAILED,
        /** The webhook is gone, failed or expired: nothing was applied. */
        WEBHOOK_INACTIVE
    }

    @Inject
    Mappings mappings;

    @Inject
    RecordMirror mirror;

    @Inject
    Webhooks webhooks;

    @Inject
    MeterRegistry registry;

    /** Applies payload number {@code number} of webhook {@code webhookId}. */
    @Transactional
    public Result apply(String webhookId, long number, Payload payload) {
        Webhook w = Webhook.findForUpdate(webhookId);
        if (w == null || !w.isActive()) {
            return Result.WEBHOOK_INACTIVE;
        }
        if (number < w.cursor) {
            return Result.ALREADY_APPLIED;
        }
        if (number > w.cursor) {
            // Airtable deletes payloads after 7 days: these changes are lost, only a backfill recovers them.
            LOG.errorf(
                    "Airtable webhook %s: payloads %d..%d no longer exist; run a backfill of base %s",
                    webhookId, w.cursor, number - 1, w.baseId);
        }
        w.cursor = number + 1;
        w.updatedAt = Instant.now();
        if (payload.isError()) {
            webhooks.markFailed(w.id, WebhookStatus.FAILED, "error payload " + payload.code());
            return Result.WEBHOOK_FAILED;
        }
        payload.changedTablesById()
                .forEach((tableId, changes) ->
                        mappings.table(tableId).ifPresent(table -> apply(w.baseId, table, changes)));
        registry.counter("airtable.payloads.applied").increment();
        return Result.APPLIED;
    }

    /** An empty page whose cursor is ahead of ours (payloads expired unseen): move the cursor on. */
    @Transactional
    public void advanceTo(String webhookId, long cursor) {
        Webhook w = Webhook.findForUpdate(webhookId);
        if (w != null && w.cursor < cursor) {
            LOG.errorf(
                    "Airtable webhook %s: payloads %d..%d no longer exist; run a backfill of base %s",
                    webhookId, w.cursor, cursor - 1, w.baseId);
            w.cursor = cursor;
            w.updatedAt = Instant.now();
        }
    }

    private void apply(String baseId, TableMapping table, TableChanges changes) {
        changes.createdRecordsById()
                .forEach((recordId, created) ->
                        mirror.upsert(baseId, table, recordId, created.createdTime(), created.cellValuesByFieldId()));
        changes.changedRecordsById().forEach((recordId, changed) -> mirror.change(baseId, table, recordId, changed));
        changes.destroyedRecordIds().forEach(recordId -> mirror.delete(table, recordId));
    }
}
