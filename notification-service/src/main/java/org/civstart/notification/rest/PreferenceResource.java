package org.civstart.notification.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.civstart.notification.preference.PreferenceKeys;
import org.civstart.notification.preference.Preferences;
import org.civstart.rest.Caller;

/**
 * Notification preferences (contact addresses, channels per category, quiet hours, digest): an
 * admin's own, a startup's (shared by its users), and, for admins, the admin team's
 * ({@code /team}: shared by the admin team, e.g. a staff mailing list, and applied to every admin
 * notification besides each admin's own).
 */
@Path("/api/notification-preferences")
@RolesAllowed({Caller.ADMIN, Caller.STARTUP})
public class PreferenceResource {

    @Inject
    Preferences preferences;

    @Inject
    CallerUser user;

    @GET
    public PreferenceView get() {
        return PreferenceView.of(preferences.get(user.preferenceKey()));
    }

    @PUT
    public PreferenceView put(@NotNull @Valid PreferenceView body) {
        return PreferenceView.of(preferences.put(user.preferenceKey(), PreferenceView.settings(body)));
    }

    @GET
    @Path("/team")
    @RolesAllowed(Caller.ADMIN)
    public PreferenceView getTeam() {
        user.id();
        return PreferenceView.of(preferences.get(PreferenceKeys.TEAM));
    }

    @PUT
    @Path("/team")
    @RolesAllowed(Caller.ADMIN)
    public PreferenceView putTeam(@NotNull @Valid PreferenceView body) {
        user.id();
        return PreferenceView.of(preferences.put(PreferenceKeys.TEAM, PreferenceView.settings(body)));
    }
}
