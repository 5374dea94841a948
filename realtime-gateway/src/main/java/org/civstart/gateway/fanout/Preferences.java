package org.civstart.gateway.fanout;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.civstart.events.CloudEvent;
import org.civstart.events.payload.AdminPreferencesData;
import org.jboss.logging.Logger;

/**
 * Every admin's saved event preferences, from the compacted {@code preferences} topic (key = the
 * admin's {@code sub}; a record without value deletes them). The feed reads the whole topic before
 * the replica reports ready, then follows it; the latest record per admin wins.
 */
final class Preferences {

    private static final Logger LOG = Logger.getLogger(Preferences.class);

    /** One admin's saved preferences: as published ({@code data}, for frames) and as a filter. */
    record Saved(AdminPreferencesData data, Filter filter) {
    }

    private final Map<String, Saved> byUser = new ConcurrentHashMap<>();

    /**
     * Applies one record of the topic.
     *
     * @return the admin it concerns, or null if the record names none
     */
    String apply(ConsumerRecord<String, String> r) {
        String userId = r.key() != null ? r.key() : CloudEvent.header(r.headers(), CloudEvent.USER_ID);
        if (userId == null || userId.isBlank()) {
            LOG.warnf("preferences record without key at %s-%d@%d: ignored", r.topic(), r.partition(), r.offset());
            return null;
        }
        if (r.value() == null) {
            byUser.remove(userId);
            return userId;
        }
        try {
            AdminPreferencesData data = Frames.JSON.readValue(r.value(), AdminPreferencesData.class);
            byUser.put(userId, new Saved(data, toFilter(data)));
        } catch (Exception e) {
            LOG.warnf("unreadable preferences for %s at %s-%d@%d: kept the previous ones (%s)", userId, r.topic(),
                    r.partition(), r.offset(), e.getMessage());
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
        return new Filter(data.events() == null ? List.of() : List.copyOf(data.events()), ids(data.startups()),
                ids(data.signals()));
    }

    private static Set<String> ids(List<?> ids) {
        if (ids == null) {
            return Set.of();
        }
        Set<String> out = new java.util.HashSet<>();
        ids.forEach(id -> out.add(String.valueOf(id)));
        return Set.copyOf(out);
    }
}
