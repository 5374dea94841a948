package org.civstart.signal.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import org.civstart.rest.InvalidInputException;

/**
 * Enumerations travel (JSON, events, database) as their lower-case names: {@code pending_review}.
 * Parsing an unknown name fails with an {@link InvalidInputException} naming the field.
 */
public final class Wire {

    private Wire() {
    }

    public static String name(Enum<?> value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    public static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null) {
            return null;
        }
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new InvalidInputException(field, "must be one of " + names(type));
    }

    public static <E extends Enum<E>> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Wire::name).collect(Collectors.joining(", "));
    }
}
