package org.civstart.events;

import java.util.ArrayList;
import java.util.List;

/**
 * Who sees an event on the WebSocket. Rendered into the {@code ce_audience} header as a comma
 * list of {@link #ADMIN_TOKEN}, {@link #STARTUP_TOKEN} (the startup named by {@code ce_startupid}),
 * {@link #ALL_STARTUPS_TOKEN} (every startup) and {@link #USER_TOKEN} (the one user named by
 * {@code ce_userid}, the token's {@code sub}).
 */
public enum Audience {
    /** Admins only. */
    ADMINS,
    /** Admins and the startup the event concerns. */
    ADMINS_AND_STARTUP,
    /** Admins and every startup (public pool changes). */
    ADMINS_AND_ALL_STARTUPS,
    /** One recipient: the startup if the event names one, otherwise the admins. */
    RECIPIENT,
    /** The startup the event concerns, without admins (e.g. what a startup may read of a signal assigned to it). */
    STARTUP,
    /** Every startup, without admins (e.g. the public fields of a pool signal). */
    ALL_STARTUPS,
    /** One user, named by {@code ce_userid}: per-user state such as read marks and unread counts. */
    USER;

    public static final String ADMIN_TOKEN = "admin";
    public static final String STARTUP_TOKEN = "startup";
    public static final String ALL_STARTUPS_TOKEN = "startups";
    public static final String USER_TOKEN = "user";

    /** Whether sockets of admins ({@code /admin}) can receive events with this rule. */
    public boolean reachesAdmins() {
        return this != STARTUP && this != ALL_STARTUPS;
    }

    /** Whether sockets of startup users ({@code /client}) can receive events with this rule. */
    public boolean reachesStartups() {
        return this != ADMINS;
    }

    /** Whether an event with this rule must name a startup ({@code ce_startupid}). */
    public boolean needsStartup() {
        return this == STARTUP;
    }

    /** Whether an event with this rule must name a user ({@code ce_userid}). */
    public boolean needsUser() {
        return this == USER;
    }

    /** The {@code ce_audience} header value of an event with this rule and the given startup (may be null). */
    public String header(Object startupId) {
        List<String> tokens = new ArrayList<>(2);
        switch (this) {
            case ADMINS -> tokens.add(ADMIN_TOKEN);
            case ADMINS_AND_STARTUP -> {
                tokens.add(ADMIN_TOKEN);
                if (startupId != null) {
                    tokens.add(STARTUP_TOKEN);
                }
            }
            case ADMINS_AND_ALL_STARTUPS -> {
                tokens.add(ADMIN_TOKEN);
                tokens.add(ALL_STARTUPS_TOKEN);
            }
            case RECIPIENT -> tokens.add(startupId != null ? STARTUP_TOKEN : ADMIN_TOKEN);
            case STARTUP -> tokens.add(STARTUP_TOKEN);
            case ALL_STARTUPS -> tokens.add(ALL_STARTUPS_TOKEN);
            case USER -> tokens.add(USER_TOKEN);
        }
        return String.join(",", tokens);
    }

    /** What a page would read in the catalog: a sentence for the AsyncAPI document. */
    public String describe() {
        return switch (this) {
            case ADMINS -> "admins";
            case ADMINS_AND_STARTUP -> "admins and the startup named by ce_startupid";
            case ADMINS_AND_ALL_STARTUPS -> "admins and every startup";
            case RECIPIENT -> "the startup named by ce_startupid, or the admins when there is none";
            case STARTUP -> "the startup named by ce_startupid";
            case ALL_STARTUPS -> "every startup";
            case USER -> "the one user named by ce_userid (the token's sub)";
        };
    }
}
