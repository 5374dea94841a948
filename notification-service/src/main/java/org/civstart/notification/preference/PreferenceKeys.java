package org.civstart.notification.preference;

import java.util.UUID;

/**
 * Whose notification preferences (and deliveries): a startup's, shared by its users
 * ({@code startup:<uuid>}); one admin's own ({@code admin:<sub>}); or the admin team's
 * ({@code admins}: shared by the admin team, e.g. a staff mailing list; it receives every admin
 * notification besides each admin's own).
 */
public final class PreferenceKeys {

    public static final String TEAM = "admins";
    private static final String ADMIN_PREFIX = "admin:";
    /** Every admin's own preferences, as a SQL/JPQL {@code like} pattern. */
    public static final String EVERY_ADMIN = ADMIN_PREFIX + "%";

    private static final String STARTUP_PREFIX = "startup:";

    private PreferenceKeys() {}

    public static String admin(String userId) {
        return ADMIN_PREFIX + userId;
    }

    public static String startup(UUID startupId) {
        return STARTUP_PREFIX + startupId;
    }

    /** Whether deliveries under this key are one admin's (and which). */
    public static String adminOf(String key) {
        return key != null && key.startsWith(ADMIN_PREFIX) ? key.substring(ADMIN_PREFIX.length()) : null;
    }

    /** Whether {@code key} is one of the three forms. */
    public static boolean valid(String key) {
        if (TEAM.equals(key)) {
            return true;
        }
        if (key != null && key.startsWith(ADMIN_PREFIX)) {
            return key.length() > ADMIN_PREFIX.length();
        }
        if (key != null && key.startsWith(STARTUP_PREFIX)) {
            try {
                UUID.fromString(key.substring(STARTUP_PREFIX.length()));
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }
}
