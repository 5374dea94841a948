package org.civstart.signal.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;
import org.civstart.rest.WireEnums;

import com.fasterxml.jackson.annotation.JsonCreator;

/** pending → in_progress → completed | declined (pending may also be completed or declined directly). */
public enum ContactRequestStatus implements WireEnum {
    PENDING,
    IN_PROGRESS,
    COMPLETED,
    DECLINED;

    @EnumeratedValue
    private final String wire = wireName();

    private static final Map<ContactRequestStatus, Set<ContactRequestStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(IN_PROGRESS, COMPLETED, DECLINED),
            IN_PROGRESS, EnumSet.of(COMPLETED, DECLINED),
            COMPLETED, EnumSet.noneOf(ContactRequestStatus.class),
            DECLINED, EnumSet.noneOf(ContactRequestStatus.class));

    public boolean canMoveTo(ContactRequestStatus target) {
        return NEXT.get(this).contains(target);
    }

    public boolean isOpen() {
        return this == PENDING || this == IN_PROGRESS;
    }

    @JsonCreator
    public static ContactRequestStatus of(String value) {
        return WireEnums.parse(ContactRequestStatus.class, value, "status");
    }
}
