package org.civstart.notification.rest;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.civstart.events.payload.AdminPreferencesData;

/**
 * An admin's saved event preferences as REST returns them (the same fields as the
 * {@code admin-preferences.updated} event). {@code version} 0 and {@code updatedAt} null: never saved.
 */
public record EventPreferencesView(
        String userId, List<String> events, List<UUID> startups, List<UUID> signals, long version, Instant updatedAt) {

    static EventPreferencesView of(AdminPreferencesData d) {
        return new EventPreferencesView(d.userId(), d.events(), d.startups(), d.signals(), d.version(), d.updatedAt());
    }
}
