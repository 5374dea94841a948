package org.civstart.signal.domain;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Entities loaded by id in one query (instead of one per id), indexed by id. */
final class Index {

    private Index() {}

    /** {@code load} runs once with the distinct ids, not at all when there are none. */
    static <E> Map<UUID, E> byId(Collection<UUID> ids, Function<Set<UUID>, List<E>> load, Function<E, UUID> idOf) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return load.apply(new HashSet<>(ids)).stream().collect(Collectors.toMap(idOf, Function.identity()));
    }
}
