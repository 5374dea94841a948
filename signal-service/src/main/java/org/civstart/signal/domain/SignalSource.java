package org.civstart.signal.domain;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;
import org.civstart.rest.WireEnums;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Where a signal was created: in the admin panel or in Airtable. */
public enum SignalSource implements WireEnum {
    ADMIN,
    AIRTABLE;

    @EnumeratedValue
    private final String wire = wireName();

    @JsonCreator
    public static SignalSource of(String value) {
        return WireEnums.parse(SignalSource.class, value, "source");
    }
}
