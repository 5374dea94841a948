package org.civstart.signal.domain;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;
import org.civstart.rest.WireEnums;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Kinds of credit ledger entries: allocation (+), deduction (-), adjustment (either sign). */
public enum LedgerEntryType implements WireEnum {
    ALLOCATION,
    DEDUCTION,
    ADJUSTMENT;

    @EnumeratedValue
    private final String wire = wireName();

    @JsonCreator
    public static LedgerEntryType of(String value) {
        return WireEnums.parse(LedgerEntryType.class, value, "entryType");
    }
}
