package org.civstart.signal.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** pending → approved | rejected; approved → completed (the introduction happened). */
public enum ConnectionStatus {
    PENDING, APPROVED, REJECTED, COMPLETED;

    private static final Map<ConnectionStatus, Set<ConnectionStatus>> NEXT = Map.of(
            PENDING, EnumSet.of(APPROVED, REJECTED),
            APPROVED, EnumSet.of(COMPLETED),
            REJECTED, EnumSet.noneOf(ConnectionStatus.class),
            COMPLETED, EnumSet.noneOf(ConnectionStatus.class));

    public boolean canMoveTo(ConnectionStatus target) {
        return NEXT.get(this).contains(target);
    }

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static ConnectionStatus of(String value) {
        return Wire.parse(ConnectionStatus.class, value, "status");
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireConverter<ConnectionStatus> {
        public Converter() {
            super(ConnectionStatus.class);
        }
    }
}
