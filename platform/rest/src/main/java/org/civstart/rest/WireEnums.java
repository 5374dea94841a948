package org.civstart.rest;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.civstart.events.WireEnum;

/**
 * Reading a {@link WireEnum} from a request: the lenient match of {@link WireEnum#find}, and a
 * 400 naming the field and the valid names for anything else.
 */
public final class WireEnums {

    private WireEnums() {}

    /**
     * The constant {@code value} names (any case, {@code -} for {@code _}); null for null (whether a
     * value is required is Bean Validation's {@code @NotNull}).
     *
     * @throws InvalidInputException naming {@code field}: "must be one of in_app, email, …"
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        if (value == null) {
            return null;
        }
        return WireEnum.find(type, value).orElseThrow(() -> new InvalidInputException(field, mustBeOneOf(type)));
    }

    /** The message of a value that is none of {@code type}'s: "must be one of in_app, email, …". */
    public static String mustBeOneOf(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(WireEnum::wireName)
                .collect(Collectors.joining(", ", "must be one of ", ""));
    }
}
