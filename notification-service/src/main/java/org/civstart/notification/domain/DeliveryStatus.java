package org.civstart.notification.domain;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * pending (due at send_at) → sending (claimed by one replica until its lease ends) → sent, or back
 * to pending with a later send_at after a failed attempt, or failed once the attempts are spent
 * (or the template cannot render: retrying would not help).
 */
public enum DeliveryStatus implements WireEnum {
    PENDING("pending"), SENDING("sending"), SENT("sent"), FAILED("failed");

    private final String wireName;

    DeliveryStatus(String wireName) {
        this.wireName = wireName;
    }

    @Override
    @JsonValue
    public String wireName() {
        return wireName;
    }

    @JsonCreator
    public static DeliveryStatus of(String value) {
        return WireEnum.parse(DeliveryStatus.class, value, "status");
    }

    @Converter(autoApply = true)
    public static class DbConverter implements AttributeConverter<DeliveryStatus, String> {
        @Override
        public String convertToDatabaseColumn(DeliveryStatus c) {
            return c == null ? null : c.wireName;
        }

        @Override
        public DeliveryStatus convertToEntityAttribute(String s) {
            return s == null ? null : of(s);
        }
    }
}
