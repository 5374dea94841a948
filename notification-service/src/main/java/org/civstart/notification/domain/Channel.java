package org.civstart.notification.domain;

import jakarta.persistence.EnumeratedValue;

import org.civstart.events.WireEnum;
import org.civstart.rest.WireEnums;

import com.fasterxml.jackson.annotation.JsonCreator;

/** Where a notification reaches its recipient. In-app is the inbox itself and always on. */
public enum Channel implements WireEnum {
    IN_APP,
    EMAIL,
    SMS,
    PUSH;

    /** The database column holds the wire name. */
    @EnumeratedValue
    private final String wire = wireName();

    @JsonCreator
    public static Channel of(String value) {
        return WireEnums.parse(Channel.class, value, "channel");
    }

    /** The channels that send outside the app (one delivery each). */
    public boolean external() {
        return this != IN_APP;
    }
}
