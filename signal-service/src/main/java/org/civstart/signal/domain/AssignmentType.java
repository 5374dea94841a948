package org.civstart.signal.domain;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;
import org.civstart.rest.WireEnums;

import com.fasterxml.jackson.annotation.JsonCreator;

/** How a startup got a signal: assigned by an admin, or requested from the pool and approved. */
public enum AssignmentType implements WireEnum {
    DIRECT,
    POOL;

    @EnumeratedValue
    private final String wire = wireName();

    @JsonCreator
    public static AssignmentType of(String value) {
        return WireEnums.parse(AssignmentType.class, value, "assignmentType");
    }
}
