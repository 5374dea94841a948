package org.civstart.signal.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A pool request waits for an admin's decision, which is final. */
public enum PoolRequestStatus {
    PENDING, APPROVED, REJECTED;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static PoolRequestStatus of(String value) {
        return Wire.parse(PoolRequestStatus.class, value, "status");
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireConverter<PoolRequestStatus> {
        public Converter() {
            super(PoolRequestStatus.class);
        }
    }
}
