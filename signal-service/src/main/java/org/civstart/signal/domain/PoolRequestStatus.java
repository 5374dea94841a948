package org.civstart.signal.domain;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;
import org.civstart.rest.WireEnums;

import com.fasterxml.jackson.annotation.JsonCreator;

/** A pool request waits for an admin's decision, which is final. */
public enum PoolRequestStatus implements WireEnum {
    PENDING,
    APPROVED,
    REJECTED;

    @EnumeratedValue
    private final String wire = wireName();

    @JsonCreator
    public static PoolRequestStatus of(String value) {
        return WireEnums.parse(PoolRequestStatus.class, value, "status");
    }
}
