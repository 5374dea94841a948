package org.civstart.events;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An enum that travels by its wire name, the one spelling of an enum value in JSON, event payloads,
 * query parameters and database columns: the constant's name in lower case ({@code PENDING_REVIEW}
 * → {@code pending_review}, {@code IN_APP} → {@code in_app}).
 * <p>
 * Reading is lenient, writing is not: {@link #find} ignores case and surrounding blanks and takes
 * {@code -} for {@code _} (so {@code In-App} finds {@code IN_APP}); what is written is always the
 * wire name. Jackson writes an implementing enum as {@link #wireName()}. A service parses request
 * values with {@code org.civstart.rest.WireEnums.parse} (an unknown value is a 400 naming the field
 * and the valid names), and stores the wire name through Jakarta Persistence's
 * {@code @EnumeratedValue}; platform/events/README.md shows an enum adopting all three.
 */
public interface WireEnum {

    /** This constant's wire name. */
    @JsonValue
    default String wireName() {
        return wireName((Enum<?>) this);
    }

    /** The wire name of any enum constant; null for null. */
    static String wireName(Enum<?> value) {
        return value == null ? null : wireNameOf(value.name());
    }

    /** The wire name of the constant named {@code constantName} (for tools that see names, not constants). */
    static String wireNameOf(String constantName) {
        return constantName.toLowerCase(Locale.ROOT);
    }

    /** The constant whose wire name {@code value} spells (any case, {@code -} for {@code _}); empty for null or an unknown name. */
    static <E extends Enum<E>> Optional<E> find(Class<E> type, String value) {
        if (value == null) {
            return Optional.empty();
        }
        String name = value.strip().replace('-', '_');
        return Arrays.stream(type.getEnumConstants())
                .filter(e -> e.name().equalsIgnoreCase(name))
                .findFirst();
    }

    /** Every wire name of the type, in declaration order. */
    static <E extends Enum<E>> List<String> wireNames(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireEnum::wireName).toList();
    }
}
