package org.civstart.signal.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The approval state machine of a signal:
 *
 * <pre>
 * draft ⇄ pending_review → approved → published ⇄ removed
 *                              ↘          ↘  ↑       ↙
 *                                 assigned ──┘ (republish)
 * any state except archived → archived (terminal)
 * </pre>
 *
 * {@code published} means "in the pool" (every startup sees it and may request it).
 */
public enum SignalStatus {
    DRAFT, PENDING_REVIEW, APPROVED, PUBLISHED, REMOVED, ASSIGNED, ARCHIVED;

    private static final Map<SignalStatus, Set<SignalStatus>> NEXT = Map.of(
            DRAFT, EnumSet.of(PENDING_REVIEW, ARCHIVED),
            PENDING_REVIEW, EnumSet.of(DRAFT, APPROVED, ARCHIVED),
            APPROVED, EnumSet.of(PUBLISHED, ASSIGNED, ARCHIVED),
            PUBLISHED, EnumSet.of(REMOVED, ASSIGNED, ARCHIVED),
            REMOVED, EnumSet.of(PUBLISHED, ASSIGNED, ARCHIVED),
            ASSIGNED, EnumSet.of(PUBLISHED, ARCHIVED),
            ARCHIVED, EnumSet.noneOf(SignalStatus.class));

    public boolean canMoveTo(SignalStatus target) {
        return NEXT.get(this).contains(target);
    }

    public Set<SignalStatus> next() {
        return Set.copyOf(NEXT.get(this));
    }

    /** A direct assignment is possible from here (it moves the signal to {@code assigned}). */
    public boolean allowsDirectAssignment() {
        return this == ASSIGNED || canMoveTo(ASSIGNED);
    }

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static SignalStatus of(String value) {
        return Wire.parse(SignalStatus.class, value, "status");
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireConverter<SignalStatus> {
        public Converter() {
            super(SignalStatus.class);
        }
    }
}
