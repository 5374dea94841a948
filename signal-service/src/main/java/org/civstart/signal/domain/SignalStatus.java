package org.civstart.signal.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;
import org.civstart.rest.WireEnums;

import com.fasterxml.jackson.annotation.JsonCreator;

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
public enum SignalStatus implements WireEnum {
    DRAFT,
    PENDING_REVIEW,
    APPROVED,
    PUBLISHED,
    REMOVED,
    ASSIGNED,
    ARCHIVED;

    @EnumeratedValue
    private final String wire = wireName();

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

    @JsonCreator
    public static SignalStatus of(String value) {
        return WireEnums.parse(SignalStatus.class, value, "status");
    }
}
