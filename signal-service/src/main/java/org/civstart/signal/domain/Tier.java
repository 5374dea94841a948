package org.civstart.signal.domain;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;
import org.civstart.rest.WireEnums;

import com.fasterxml.jackson.annotation.JsonCreator;

/** A startup's plan; each has a monthly credit allotment ({@code civstart.signal.credits.monthly-allotment.<tier>}). */
public enum Tier implements WireEnum {
    STARTER,
    GROWTH,
    ENTERPRISE;

    @EnumeratedValue
    private final String wire = wireName();

    @JsonCreator
    public static Tier of(String value) {
        return WireEnums.parse(Tier.class, value, "tier");
    }
}
