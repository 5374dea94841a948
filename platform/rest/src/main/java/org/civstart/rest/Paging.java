package org.civstart.rest;

import java.util.List;

/**
 * Paged lists, the same in every service: {@code ?page=0&size=20} (size at most {@link #MAX_SIZE})
 * answers {@code {"items":[...],"page":0,"size":20,"total":57}}; a bad page or size is a 400 naming it.
 */
public final class Paging {

    public static final int MAX_SIZE = 200;

    private Paging() {}

    /** One page of a list and the size of the whole list. */
    public record Page<T>(List<T> items, int page, int size, long total) {}

    /** @throws InvalidInputException naming {@code page} or {@code size} */
    public static void check(int page, int size) {
        if (page < 0) {
            throw new InvalidInputException("page", "must be 0 or more");
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("size", "must be between 1 and " + MAX_SIZE);
        }
    }
}
