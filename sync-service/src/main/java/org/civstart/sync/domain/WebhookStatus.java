package org.civstart.sync.domain;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;

/** active: pings are processed; failed: Airtable sent an error payload or refused a call; expired: not refreshed in time. */
public enum WebhookStatus implements WireEnum {
    ACTIVE,
    FAILED,
    EXPIRED;

    @EnumeratedValue
    private final String wire = wireName();
}
