package org.civstart.notification.rest;

import org.civstart.rest.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.civstart.notification.preference.PreferenceView;
import org.civstart.notification.preference.Preferences;

/** The caller's inbox preferences: contact addresses, channels per category, quiet hours, digest. */
@Path("/api/notification-preferences")
@RolesAllowed({ Caller.ADMIN, Caller.STARTUP })
public class PreferenceResource {

    @Inject
    Preferences preferences;

    @Inject
    Caller caller;

    @GET
    public PreferenceView get() {
        return preferences.get(CallerInbox.of(caller));
    }

    @PUT
    public PreferenceView put(@NotNull @Valid PreferenceView body) {
        return preferences.put(CallerInbox.of(caller), body);
    }
}
