package org.civstart.signal.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.civstart.rest.Caller;
import org.civstart.rest.InvalidInputException;
import org.civstart.signal.assignment.AssignmentService;
import org.civstart.signal.domain.Assignment;
import org.civstart.signal.domain.AssignmentStatus;
import org.civstart.signal.rest.Views.AssignmentView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/assignments")
@Tag(name = "assignments")
public class AssignmentResource {

    /** interested | declined, an optional note, optionally the version the startup saw. */
    public record Answer(AssignmentStatus response, String note, Long version) {}

    @Inject
    AssignmentService assignments;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    @Operation(summary = "Assignments, newest first (a startup sees its own)")
    public List<AssignmentView> list(
            @QueryParam("startupId") String startupId,
            @QueryParam("signalId") String signalId,
            @QueryParam("status") String status) {
        UUID startup = caller.scope(Params.uuid(startupId, "startupId"));
        UUID signal = Params.uuid(signalId, "signalId");
        AssignmentStatus st = Params.enumValue(AssignmentStatus.class, status, "status");
        return Views.assignments(assignments.list(startup, signal, st));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    public AssignmentView get(@PathParam("id") UUID id) {
        Assignment a = assignments.get(id);
        caller.requireAccess(a.startupId);
        return Views.assignments(List.of(a)).get(0);
    }

    @POST
    @Path("/{id}/view")
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    @Operation(summary = "The startup opened it: pending_review → viewed, assignment.viewed (again: no change)")
    public AssignmentView view(@PathParam("id") UUID id) {
        caller.requireAccess(assignments.get(id).startupId);
        return Views.assignments(List.of(assignments.view(id))).get(0);
    }

    @POST
    @Path("/{id}/response")
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    @Operation(
            summary = "Answer interested | declined with a note: assignment.interested / .declined / .response-changed")
    public AssignmentView respond(@PathParam("id") UUID id, Answer body) {
        if (body == null || body.response() == null) {
            throw new InvalidInputException("response", "must be interested or declined");
        }
        caller.requireAccess(assignments.get(id).startupId);
        return Views.assignments(List.of(assignments.respond(id, body.response(), body.note(), body.version())))
                .get(0);
    }
}
