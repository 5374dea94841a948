package org.civstart.rest.wire;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;
import org.civstart.rest.WireEnums;

import com.fasterxml.jackson.annotation.JsonCreator;

/** An enum adopting the wire convention exactly as platform/events/README.md shows it. */
public enum ParcelStatus implements WireEnum {
    IN_TRANSIT,
    PENDING_REVIEW,
    DELIVERED;

    @EnumeratedValue
    private final String wire = wireName();

    @JsonCreator
    public static ParcelStatus of(String value) {
        return WireEnums.parse(ParcelStatus.class, value, "status");
    }
}
