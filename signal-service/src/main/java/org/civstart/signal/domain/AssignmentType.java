package org.civstart.signal.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** How a startup got a signal: assigned by an admin, or requested from the pool and approved. */
public enum AssignmentType {
    DIRECT, POOL;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static AssignmentType of(String value) {
        return Wire.parse(AssignmentType.class, value, "assignmentType");
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireConverter<AssignmentType> {
        public Converter() {
            super(AssignmentType.class);
        }
    }
}
