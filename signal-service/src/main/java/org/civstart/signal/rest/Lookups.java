package org.civstart.signal.rest;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.civstart.signal.domain.Signal;
import org.civstart.signal.domain.Startup;

/** Loads the signals and startups a list of views names, in two queries instead of 2N. */
final class Lookups {

    private Lookups() {
    }

    static Map<UUID, Signal> signals(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Signal> found = Signal.list("id in ?1", new HashSet<>(ids));
        return found.stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
    }

    static Map<UUID, Startup> startups(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Startup> found = Startup.list("id in ?1", new HashSet<>(ids));
        return found.stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
    }
}
