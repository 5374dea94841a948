package org.civstart.notification.rest;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response.Status;

import org.civstart.events.EventPatterns;
import org.civstart.notification.preference.EventPreferences;
import org.civstart.notification.preference.InvalidPreferencesException;
import org.civstart.rest.Caller;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The calling admin's saved event preferences: which live events (WebSocket names or
 * {@code prefix*}), startups and signals they want. Every gateway replica applies them as the
 * default filter of that admin's connections; they also decide which admin notifications reach them.
 */
@Path("/api/preferences/events")
@RolesAllowed(Caller.ADMIN)
public class EventPreferenceResource {

    @Inject
    EventPreferences preferences;

    @Inject
    CallerUser user;

    /** A 400 that also lists every valid event name, for a settings page to offer. */
    public record InvalidView(
            int status, String error, String message, Map<String, String> fields, List<String> validEvents) {}

    public record NamesView(List<String> events) {}

    @GET
    public EventPreferencesView get() {
        return EventPreferencesView.of(preferences.get(user.id()));
    }

    @PUT
    public EventPreferencesView put(EventPreferencesBody body) {
        EventPreferencesBody b = body == null ? new EventPreferencesBody(null, null, null) : body;
        return EventPreferencesView.of(preferences.put(user.id(), b.events(), b.startups(), b.signals()));
    }

    /** Back to no restriction (published as empty lists, with the next version). */
    @DELETE
    public EventPreferencesView delete() {
        return EventPreferencesView.of(preferences.reset(user.id()));
    }

    /** The WebSocket event names a pattern may name (the catalog's, aliases included). */
    @GET
    @Path("/names")
    public NamesView names() {
        return new NamesView(EventPatterns.webSocketNames());
    }

    @ServerExceptionMapper
    public RestResponse<InvalidView> invalid(InvalidPreferencesException e) {
        return RestResponse.status(
                Status.BAD_REQUEST,
                new InvalidView(
                        400, Status.BAD_REQUEST.getReasonPhrase(), e.getMessage(), e.fields(), e.validEvents()));
    }
}
