package org.civstart.sync.domain;

import java.util.Locale;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** active: pings are processed; failed: Airtable sent an error payload or refused a call; expired: not refreshed in time. */
public enum WebhookStatus {
    ACTIVE, FAILED, EXPIRED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Converter(autoApply = true)
    public static class Column implements AttributeConverter<WebhookStatus, String> {
        @Override
        public String convertToDatabaseColumn(WebhookStatus s) {
            return s == null ? null : s.wireName();
        }

        @Override
        public WebhookStatus convertToEntityAttribute(String s) {
            return s == null ? null : WebhookStatus.valueOf(s.toUpperCase(Locale.ROOT));
        }
    }
}
