package org.civstart.signal.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;
import org.civstart.rest.WireEnums;

import com.fasterxml.jackson.annotation.JsonCreator;

/** pending → approved | rejected; approved → completed (the introduction happened). */
public enum ConnectionStatus implements WireEnum {
    PENDING,
    APPROVED,
    REJECTED,
    COMPLETED;

    @EnumeratedValue
    private final String wire = wireName();

    private static final Map<ConnectionStatus, Set<ConnectionStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(APPROVED, REJECTED),
            APPROVED, EnumSet.of(COMPLETED),
            REJECTED, EnumSet.noneOf(ConnectionStatus.class),
            COMPLETED, EnumSet.noneOf(ConnectionStatus.class));

    public boolean canMoveTo(ConnectionStatus target) {
        return NEXT.get(this).contains(target);
    }

    @JsonCreator
    public static ConnectionStatus of(String value) {
        return WireEnums.parse(ConnectionStatus.class, value, "status");
    }
}
