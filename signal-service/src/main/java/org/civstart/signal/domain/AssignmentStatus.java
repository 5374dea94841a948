package org.civstart.signal.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;
import org.civstart.rest.WireEnums;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * pending_review → viewed → interested | declined. A startup may answer straight from
 * pending_review (viewing is implied) and may change its answer later (interested ⇄ declined).
 */
public enum AssignmentStatus implements WireEnum {
    PENDING_REVIEW,
    VIEWED,
    INTERESTED,
    DECLINED;

    @EnumeratedValue
    private final String wire = wireName();

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

    @JsonCreator
    public static AssignmentStatus of(String value) {
        return WireEnums.parse(AssignmentStatus.class, value, "status");
    }
}
