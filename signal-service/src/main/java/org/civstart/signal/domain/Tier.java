package org.civstart.signal.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A startup's plan; each has a monthly credit allotment ({@code civstart.signal.credits.monthly-allotment.<tier>}). */
public enum Tier {
    STARTER, GROWTH, ENTERPRISE;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static Tier of(String value) {
        return Wire.parse(Tier.class, value, "tier");
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireConverter<Tier> {
        public Converter() {
            super(Tier.class);
        }
    }
}
