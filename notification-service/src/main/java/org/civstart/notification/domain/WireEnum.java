package org.civstart.notification.domain;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.civstart.rest.InvalidInputException;

/** An enumeration that travels (JSON, database, templates) by a lower-case wire name such as {@code pool-request}. */
public interface WireEnum {

    String wireName();

    /** The constant named {@code value}, or an {@link InvalidInputException} naming {@code field}. */
    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String value, String field) {
        for (E e : type.getEnumConstants()) {
            if (e.wireName().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return e;
            }
        }
        throw new InvalidInputException(field, "must be one of " + names(type));
    }

    static <E extends Enum<E> & WireEnum> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wireName).collect(Collectors.joining(", "));
    }
}
