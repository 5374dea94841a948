package org.civstart.notification.domain;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;
import org.civstart.rest.WireEnums;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * pending (due at send_at) → sending (claimed by one replica until its lease ends) → sent, or back
 * to pending with a later send_at after a failed attempt, or failed once the attempts are spent
 * (or the template cannot render: retrying would not help).
 */
public enum DeliveryStatus implements WireEnum {
    PENDING,
    SENDING,
    SENT,
    FAILED;

    /** The database column holds the wire name. */
    @EnumeratedValue
    private final String wire = wireName();

    @JsonCreator
    public static DeliveryStatus of(String value) {
        return WireEnums.parse(DeliveryStatus.class, value, "status");
    }
}
