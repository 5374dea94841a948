package org.civstart.sync.domain;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import org.civstart.sync.mapping.Kind;

/** Stores a {@link Kind} as its lower-case name. */
@Converter(autoApply = true)
public class KindColumn implements AttributeConverter<Kind, String> {
    @Override
    public String convertToDatabaseColumn(Kind k) {
        return k == null ? null : k.wireName();
    }

    @Override
    public Kind convertToEntityAttribute(String s) {
        return s == null ? null : Kind.valueOf(s.toUpperCase(Locale.ROOT));
    }
}
