package org.civstart.gateway.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.civstart.events.payload.AdminPreferencesData;
import org.civstart.gateway.protocol.Frames;
import org.jboss.logging.Logger;

/**
 * Every admin's saved event preferences, from the compacted {@code preferences} topic (key = the
 * admin's {@code sub}; a record without value deletes them). The feed reads the whole topic before
 * the replica reports ready, then follows it; the latest record per admin wins.
 */
final class Preferences {

    private static final Logger LOG = Logger.getLogger(Preferences.class);

    /** One admin's saved preferences: as published ({@code data}, for frames) and as a filter. */
    record Saved(AdminPreferencesData data, Filter filter) {}

    private final Map<String, Saved> byUser = new ConcurrentHashMap<>();

    /**
     * Applies one record of the topic: {@code key} the admin's sub ({@code ce_userid} when the key is
     * missing), {@code value} the payload or null (a tombstone).
     *
     * @return the admin it concerns, or null if the record names none or cannot be read
     */
    String apply(String key, String value, String userIdHeader) {
        String userId = key != null ? key : userIdHeader;
        if (userId == null || userId.isBlank()) {
            LOG.warn("saved preferences without key: ignored");
            return null;
        }
        if (value == null) {
            byUser.remove(userId);
            return userId;
        }
        try {
            AdminPreferencesData data = Frames.JSON.readValue(value, AdminPreferencesData.class);
            byUser.put(userId, new Saved(data, toFilter(data)));
        } catch (Exception e) {
            LOG.warnf("unreadable saved preferences of %s: kept the previous ones (%s)", userId, e.getMessage());
            return null;
        }
        return userId;
    }

    /** The admin's saved preferences, or null. */
    Saved of(String userId) {
        return userId == null ? null : byUser.get(userId);
    }

    /**
     * The saved preferences as a filter. The saving service validates patterns; one that is not a
     * pattern here (a newer syntax) is kept as it is and matches no event name, so it narrows, never widens.
     */
    static Filter toFilter(AdminPreferencesData data) {
        return new Filter(
                data.events() == null ? List.of() : List.copyOf(data.events()),
                ids(data.startups()),
                ids(data.signals()));
    }

    private static Set<String> ids(List<?> ids) {
        if (ids == null) {
            return Set.of();
        }
        Set<String> out = new HashSet<>();
        ids.forEach(id -> out.add(String.valueOf(id)));
        return Set.copyOf(out);
    }
}
