package org.civstart.gateway.routing;

import org.civstart.events.Audience;
import org.civstart.gateway.feed.GatewayEvent;
import org.civstart.gateway.session.Endpoint;
import org.civstart.gateway.session.Session;

/**
 * Who may receive one event — the gateway's one audience rule, read once per event from its
 * {@code ce_audience}, {@code ce_startupid} and {@code ce_userid} headers and used by live delivery
 * ({@link RoutingTables#forEachRecipient}) and replay ({@link #includes}) alike:
 * <ul>
 * <li>{@code admin}: every {@code /admin} connection;</li>
 * <li>{@code startups}: every {@code /client} connection;</li>
 * <li>{@code startup}: the {@code /client} connections whose token's {@code startup_id} is {@code ce_startupid};</li>
 * <li>{@code user}: the connections (either endpoint) whose token's {@code sub} is {@code ce_userid}.</li>
 * </ul>
 * A token without the header it needs ({@code startup} without {@code ce_startupid}, {@code user}
 * without {@code ce_userid}) reaches no one. The client's own filter comes after this.
 *
 * @param startup the startup room, or null
 * @param user the one user, or null
 */
public record Recipients(boolean admins, boolean allStartups, String startup, String user) {

    public static final Recipients NOBODY = new Recipients(false, false, null, null);

    public static Recipients of(GatewayEvent e) {
        return of(e.audience(), e.startupId(), e.userId());
    }

    public static Recipients of(String audienceHeader, String startupId, String userId) {
        if (audienceHeader == null || audienceHeader.isBlank()) {
            return NOBODY;
        }
        boolean admins = false;
        boolean allStartups = false;
        boolean startup = false;
        boolean user = false;
        for (String token : audienceHeader.split(",")) {
            switch (token.trim()) {
                case Audience.ADMIN_TOKEN -> admins = true;
                case Audience.ALL_STARTUPS_TOKEN -> allStartups = true;
                case Audience.STARTUP_TOKEN -> startup = true;
                case Audience.USER_TOKEN -> user = true;
                default -> {} // a token of a newer catalog: nobody here
            }
        }
        return new Recipients(
                admins, allStartups, startup ? blankToNull(startupId) : null, user ? blankToNull(userId) : null);
    }

    /** Whether {@code s} may receive the event (before its own filter). */
    public boolean includes(Session s) {
        return includesBesidesUser(s) || (user != null && user.equals(s.userId()));
    }

    /** {@link #includes} without the {@code user} token: live delivery uses it not to send twice. */
    boolean includesBesidesUser(Session s) {
        if (s.endpoint() == Endpoint.ADMIN) {
            return admins;
        }
        return allStartups || (startup != null && startup.equals(s.startupId()));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
