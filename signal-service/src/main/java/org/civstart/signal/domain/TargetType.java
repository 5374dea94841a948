package org.civstart.signal.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a connection request points at (an Airtable organization or contact). */
public enum TargetType {
    ORGANIZATION, CONTACT;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static TargetType of(String value) {
        return Wire.parse(TargetType.class, value, "targetType");
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireConverter<TargetType> {
        public Converter() {
            super(TargetType.class);
        }
    }
}
