package org.civstart.notification.domain;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;
import org.civstart.rest.WireEnums;

import com.fasterxml.jackson.annotation.JsonCreator;

/** What a notification is about; preferences choose channels per category. */
public enum Category implements WireEnum {
    ASSIGNMENT,
    POOL_REQUEST,
    CONNECTION,
    CREDITS,
    CONTACT_REQUEST,
    SYNC;

    /** The database column holds the wire name. */
    @EnumeratedValue
    private final String wire = wireName();

    @JsonCreator
    public static Category of(String value) {
        return WireEnums.parse(Category.class, value, "category");
    }
}
