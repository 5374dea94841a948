package org.civstart.signal.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a signal was created: in the admin panel or in Airtable. */
public enum SignalSource {
    ADMIN, AIRTABLE;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static SignalSource of(String value) {
        return Wire.parse(SignalSource.class, value, "source");
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireConverter<SignalSource> {
        public Converter() {
            super(SignalSource.class);
        }
    }
}
