package org.civstart.events.payload;

import java.time.Instant;

/** The state of an Airtable webhook or backfill that staff must know about (failed, expired, completed). */
public record AirtableWebhookData(
        String baseId,
        String webhookId,
        String tableId,
        String status,
        String error,
        Long done,
        Long total,
        Instant expirationTime) {}
