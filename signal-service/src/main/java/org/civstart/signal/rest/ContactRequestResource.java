package org.civstart.signal.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.civstart.rest.Caller;
import org.civstart.rest.Idempotent;
import org.civstart.signal.contactrequest.ContactRequestService;
import org.civstart.signal.contactrequest.ContactRequestService.ContactRequestChanges;
import org.civstart.signal.contactrequest.ContactRequestService.NewContactRequest;
import org.civstart.signal.domain.ContactRequest;
import org.civstart.signal.domain.ContactRequestStatus;
import org.civstart.signal.rest.Views.ContactRequestView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/contact-requests")
@Tag(name = "contact requests")
public class ContactRequestResource {

    /** {@code startupId}: only an admin names it; a startup always asks for itself. */
    public record NewContactRequestBody(UUID startupId, String contactName, String organizationName, String message) {}

    @Inject
    ContactRequestService requests;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    public List<ContactRequestView> list(
            @QueryParam("startupId") String startupId, @QueryParam("status") String status) {
        return Views.contactRequests(requests.list(
                caller.scope(Params.uuid(startupId, "startupId")),
                Params.enumValue(ContactRequestStatus.class, status, "status")));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    public ContactRequestView get(@PathParam("id") UUID id) {
        ContactRequest c = requests.get(id);
        caller.requireAccess(c.startupId);
        return Views.contactRequests(List.of(c)).get(0);
    }

    @Idempotent
    @POST
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    @Operation(summary = "Ask for an introduction: contact-request.created")
    public RestResponse<ContactRequestView> create(NewContactRequestBody body) {
        NewContactRequestBody b = body == null ? new NewContactRequestBody(null, null, null, null) : body;
        ContactRequest c = requests.create(
                caller.actingFor(b.startupId()),
                new NewContactRequest(b.contactName(), b.organizationName(), b.message()));
        return Views.created(
                "/api/contact-requests/" + c.id,
                Views.contactRequests(List.of(c)).get(0));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    @Operation(summary = "Change the status (admins) or the message (the startup): contact-request.updated")
    public ContactRequestView update(@PathParam("id") UUID id, ContactRequestChanges body) {
        caller.requireAccess(requests.get(id).startupId);
        if (!caller.isAdmin() && body != null && body.status() != null) {
            throw new ForbiddenException("only admins change the status of a contact request");
        }
        return Views.contactRequests(List.of(requests.update(id, body))).get(0);
    }
}
