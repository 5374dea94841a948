package org.civstart.gateway.routing;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.civstart.gateway.session.Endpoint;
import org.civstart.gateway.session.Session;

/**
 * The registered connections, indexed the ways {@link Recipients} names them: admins, startups, one
 * room per startup, one set per user. Not thread-safe: the feed thread owns it.
 */
final class RoutingTables {

    private final Set<Subscription> admins = new LinkedHashSet<>();
    private final Set<Subscription> clients = new LinkedHashSet<>();
    private final Map<String, Set<Subscription>> rooms = new HashMap<>();
    private final Map<String, Set<Subscription>> users = new HashMap<>();

    void add(Subscription sub) {
        Session s = sub.session();
        if (s.endpoint() == Endpoint.ADMIN) {
            admins.add(sub);
        } else {
            clients.add(sub);
            if (s.startupId() != null) {
                rooms.computeIfAbsent(s.startupId(), k -> new LinkedHashSet<>()).add(sub);
            }
        }
        if (s.userId() != null) {
            users.computeIfAbsent(s.userId(), k -> new LinkedHashSet<>()).add(sub);
        }
    }

    void remove(Subscription sub) {
        Session s = sub.session();
        admins.remove(sub);
        clients.remove(sub);
        removeFrom(rooms, s.startupId(), sub);
        removeFrom(users, s.userId(), sub);
    }

    private static void removeFrom(Map<String, Set<Subscription>> index, String key, Subscription s) {
        if (key == null) {
            return;
        }
        Set<Subscription> set = index.get(key);
        if (set != null && set.remove(s) && set.isEmpty()) {
            index.remove(key);
        }
    }

    /**
     * Calls {@code action} once for every registered connection whose session {@code r}
     * {@link Recipients#includes includes}, walking only the indexes it names (not every connection).
     */
    void forEachRecipient(Recipients r, Consumer<Subscription> action) {
        if (r.admins()) {
            admins.forEach(action);
        }
        if (r.allStartups()) {
            clients.forEach(action);
        } else if (r.startup() != null) {
            Set<Subscription> room = rooms.get(r.startup());
            if (room != null) {
                room.forEach(action);
            }
        }
        if (r.user() != null) {
            Set<Subscription> mine = users.get(r.user());
            if (mine != null) {
                for (Subscription s : mine) {
                    if (!r.includesBesidesUser(s.session())) {
                        action.accept(s);
                    }
                }
            }
        }
    }

    /** The connections of one user (either endpoint). */
    Set<Subscription> ofUser(String userId) {
        Set<Subscription> mine = userId == null ? null : users.get(userId);
        return mine == null ? Set.of() : mine;
    }

    /** Every registered connection, admins first (no copy: {@code action} must not add or remove any). */
    void forEach(Consumer<Subscription> action) {
        admins.forEach(action);
        clients.forEach(action);
    }
}
