package org.civstart.signal.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** pending → in_progress → completed | declined (pending may also be completed or declined directly). */
public enum ContactRequestStatus {
    PENDING, IN_PROGRESS, COMPLETED, DECLINED;

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

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static ContactRequestStatus of(String value) {
        return Wire.parse(ContactRequestStatus.class, value, "status");
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireConverter<ContactRequestStatus> {
        public Converter() {
            super(ContactRequestStatus.class);
        }
    }
}
