package org.civstart.signal.rest;

import java.util.UUID;

import org.civstart.rest.InvalidInputException;
import org.civstart.rest.WireEnums;

/** Request values parsed with errors that name the parameter or field (400), not JAX-RS's bare 404. */
final class Params {

    private Params() {}

    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name) {
        return value == null || value.isBlank() ? null : WireEnums.parse(type, value, name);
    }

    /** The 400 of a required enum value that is missing: the message of an unknown one. */
    static InvalidInputException missing(Class<? extends Enum<?>> type, String name) {
        return new InvalidInputException(name, WireEnums.mustBeOneOf(type));
    }

    static UUID uuid(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, "must be a UUID");
        }
    }
}
