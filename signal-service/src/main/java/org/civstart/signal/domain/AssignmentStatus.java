package org.civstart.signal.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * pending_review → viewed → interested | declined. A startup may answer straight from
 * pending_review (viewing is implied) and may change its answer later (interested ⇄ declined).
 */
public enum AssignmentStatus {
    PENDING_REVIEW, VIEWED, INTERESTED, DECLINED;

    private static final Map<AssignmentStatus, Set<AssignmentStatus>> NEXT = Map.of(
            PENDING_REVIEW, EnumSet.of(VIEWED, INTERESTED, DECLINED),
            VIEWED, EnumSet.of(INTERESTED, DECLINED),
            INTERESTED, EnumSet.of(DECLINED),
            DECLINED, EnumSet.of(INTERESTED));

    public boolean canMoveTo(AssignmentStatus target) {
        return NEXT.get(this).contains(target);
    }

    public boolean isResponse() {
        return this == INTERESTED || this == DECLINED;
    }

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static AssignmentStatus of(String value) {
        return Wire.parse(AssignmentStatus.class, value, "status");
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireConverter<AssignmentStatus> {
        public Converter() {
            super(AssignmentStatus.class);
        }
    }
}
