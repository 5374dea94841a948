package org.civstart.notification.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Which inbox: every user of one startup ({@code startup:<uuid>}) or every admin ({@code admins}).
 * A notification is one row of one inbox; each user of the inbox has their own read state.
 * {@code notification.new} carries the startup id, so the gateway routes it to that startup's users;
 * without one it goes to the admins (the catalog's RECIPIENT audience rule).
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
