package org.civstart.sync.domain;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

public enum BackfillStatus {
    RUNNING, COMPLETED, FAILED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<BackfillStatus, String> {
        @Override
        public String convertToDatabaseColumn(BackfillStatus s) {
            return s == null ? null : s.wireName();
        }

        @Override
        public BackfillStatus convertToEntityAttribute(String s) {
            return s == null ? null : BackfillStatus.valueOf(s.toUpperCase(Locale.ROOT));
        }
    }
}
