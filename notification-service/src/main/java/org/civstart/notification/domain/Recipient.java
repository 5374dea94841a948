package org.civstart.notification.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Whose inbox: every user of one startup ({@code startup:<uuid>}) or the shared admin inbox
 * ({@code admins}). Notification events carry the startup id, so the gateway routes them to that
 * startup's room; without one they go to the admins (the catalog's RECIPIENT audience rule).
 */
public record Recipient(String key, UUID startupId) {

    public static final String ADMINS_KEY = "admins";
    public static final Recipient ADMINS = new Recipient(ADMINS_KEY, null);
    private static final String STARTUP_PREFIX = "startup:";

    public Recipient {
        Objects.requireNonNull(key, "key");
    }

    public static Recipient startup(UUID startupId) {
        return new Recipient(STARTUP_PREFIX + Objects.requireNonNull(startupId, "startupId"), startupId);
    }

    /** Parses a stored key back into a recipient. */
    public static Recipient of(String key) {
        if (ADMINS_KEY.equals(key)) {
            return ADMINS;
        }
        if (key != null && key.startsWith(STARTUP_PREFIX)) {
            return startup(UUID.fromString(key.substring(STARTUP_PREFIX.length())));
        }
        throw new IllegalArgumentException("not a recipient: " + key);
    }

    public boolean isAdmins() {
        return startupId == null;
    }

    @Override
    public String toString() {
        return key;
    }
}
