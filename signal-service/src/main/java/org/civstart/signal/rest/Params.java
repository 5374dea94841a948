package org.civstart.signal.rest;

import java.util.UUID;

import org.civstart.rest.InvalidInputException;
import org.civstart.signal.domain.Wire;

/** Query parameters parsed with errors that name the parameter (400), not JAX-RS's bare 404. */
final class Params {

    private Params() {
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String value, String name) {
        return value == null || value.isBlank() ? null : Wire.parse(type, value, name);
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
