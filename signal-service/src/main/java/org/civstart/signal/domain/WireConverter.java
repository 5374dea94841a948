package org.civstart.signal.domain;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;

/** Stores an enumeration as its lower-case wire name (see {@link Wire}). */
public abstract class WireConverter<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected WireConverter(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return Wire.name(value);
    }

    @Override
    public E convertToEntityAttribute(String value) {
        return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }
}
