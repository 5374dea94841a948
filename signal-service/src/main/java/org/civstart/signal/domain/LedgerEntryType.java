package org.civstart.signal.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Kinds of credit ledger entries: allocation (+), deduction (-), adjustment (either sign). */
public enum LedgerEntryType {
    ALLOCATION, DEDUCTION, ADJUSTMENT;

    @JsonValue
    public String wire() {
        return Wire.name(this);
    }

    @JsonCreator
    public static LedgerEntryType of(String value) {
        return Wire.parse(LedgerEntryType.class, value, "entryType");
    }

    @jakarta.persistence.Converter(autoApply = true)
    public static class Converter extends WireConverter<LedgerEntryType> {
        public Converter() {
            super(LedgerEntryType.class);
        }
    }
}
