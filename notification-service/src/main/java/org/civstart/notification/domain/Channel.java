package org.civstart.notification.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Where a notification reaches its recipient. In-app is the inbox itself and always on. */
public enum Channel implements WireEnum {
    IN_APP("in-app"), EMAIL("email"), SMS("sms"), PUSH("push");

    private final String wireName;

    Channel(String wireName) {
        this.wireName = wireName;
    }

    @Override
    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static Channel of(String value) {
        return WireEnum.parse(Channel.class, value, "channel");
    }

    /** The channels that send outside the app (one delivery each). */
    public boolean external() {
        return this != IN_APP;
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<Channel, String> {
        @Override
        public String convertToDatabaseColumn(Channel c) {
            return c == null ? null : c.wireName;
        }

        @Override
        public Channel convertToEntityAttribute(String s) {
            return s == null ? null : of(s);
        }
    }
}
