package org.civstart.gateway.fanout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The registered sessions, indexed the ways {@link Recipients} names them: admins, startups, one
 * room per startup, one set per user. Not thread-safe: the feed thread owns it.
 */
final class RoutingTables {

    private final Set<Session> admins = new LinkedHashSet<>();
    private final Set<Session> clients = new LinkedHashSet<>();
    private final Map<String, Set<Session>> rooms = new HashMap<>();
    private final Map<String, Set<Session>> users = new HashMap<>();

    void add(Session s) {
        if (s.endpoint() == Session.Endpoint.ADMIN) {
            admins.add(s);
        } else {
            clients.add(s);
            if (s.startupId() != null) {
                rooms.computeIfAbsent(s.startupId(), k -> new LinkedHashSet<>()).add(s);
            }
        }
        if (s.userId() != null) {
            users.computeIfAbsent(s.userId(), k -> new LinkedHashSet<>()).add(s);
        }
    }

    void remove(Session s) {
        admins.remove(s);
        clients.remove(s);
        removeFrom(rooms, s.startupId(), s);
        removeFrom(users, s.userId(), s);
    }

    private static void removeFrom(Map<String, Set<Session>> index, String key, Session s) {
        if (key == null) {
            return;
        }
        Set<Session> set = index.get(key);
        if (set != null && set.remove(s) && set.isEmpty()) {
            index.remove(key);
        }
    }

    /**
     * Calls {@code action} once for every registered session that {@code r} {@link Recipients#includes
     * includes}, walking only the indexes it names (not every session).
     */
    void forEachRecipient(Recipients r, Consumer<Session> action) {
        if (r.admins()) {
            admins.forEach(action);
        }
        if (r.allStartups()) {
            clients.forEach(action);
        } else if (r.startup() != null) {
            Set<Session> room = rooms.get(r.startup());
            if (room != null) {
                room.forEach(action);
            }
        }
        if (r.user() != null) {
            Set<Session> mine = users.get(r.user());
            if (mine != null) {
                for (Session s : mine) {
                    if (!r.includesBesidesUser(s)) {
                        action.accept(s);
                    }
                }
            }
        }
    }

    /** The sessions of one user (either endpoint). */
    Set<Session> ofUser(String userId) {
        Set<Session> mine = userId == null ? null : users.get(userId);
        return mine == null ? Set.of() : mine;
    }

    List<Session> all() {
        List<Session> all = new ArrayList<>(admins.size() + clients.size());
        all.addAll(admins);
        all.addAll(clients);
        return all;
    }
}
