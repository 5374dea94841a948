package org.civstart.notification.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What a notification is about; preferences choose channels per category. */
public enum Category implements WireEnum {
    ASSIGNMENT("assignment"),
    POOL_REQUEST("pool-request"),
    CONNECTION("connection"),
    CREDITS("credits"),
    CONTACT_REQUEST("contact-request"),
    SYNC("sync");

    private final String wireName;

    Category(String wireName) {
        this.wireName = wireName;
    }

    @Override
    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Category of(String value) {
        return WireEnum.parse(Category.class, value, "category");
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<Category, String> {
        @Override
        public String convertToDatabaseColumn(Category c) {
            return c == null ? null : c.wireName;
        }

        @Override
        public Category convertToEntityAttribute(String s) {
            return s == null ? null : of(s);
        }
    }
}
