package org.civstart.events;

import java.util.ArrayList;
import java.util.List;

/**
 * Who sees an event on the WebSocket. Rendered into the {@code ce_audience} header as a comma
 * list of {@link #ADMIN_TOKEN}, {@link #STARTUP_TOKEN} (the startup named by {@code ce_startupid})
 * and {@link #ALL_STARTUPS_TOKEN} (every startup).
 */
public enum Audience {
    /** Admins only. */
    ADMINS,
    /** Admins and the startup the event concerns. */
    ADMINS_AND_STARTUP,
    /** Admins and every startup (public pool changes). */
    ADMINS_AND_ALL_STARTUPS,
    /** One recipient: the startup if the event names one, otherwise the admins. */
    RECIPIENT;

    public static final String ADMIN_TOKEN = "admin";
    public static final String STARTUP_TOKEN = "startup";
    public static final String ALL_STARTUPS_TOKEN = "startups";

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
        };
    }
}
