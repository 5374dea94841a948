package org.civstart.signal.domain;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;
import org.civstart.rest.WireEnums;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What a connection request points at (an Airtable organization or contact). */
public enum TargetType implements WireEnum {
    ORGANIZATION,
    CONTACT;

    @EnumeratedValue
    private final String wire = wireName();

    @JsonCreator
    public static TargetType of(String value) {
        return WireEnums.parse(TargetType.class, value, "targetType");
    }
}
