package org.civstart.signal.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.civstart.rest.Caller;
import org.civstart.rest.Idempotent;
import org.civstart.rest.InvalidInputException;
import org.civstart.rest.Paging;
import org.civstart.signal.assignment.AssignmentService;
import org.civstart.signal.domain.Assignment;
import org.civstart.signal.domain.AssignmentType;
import org.civstart.signal.domain.Signal;
import org.civstart.signal.domain.SignalStatus;
import org.civstart.signal.match.MatchService;
import org.civstart.signal.rest.Views.AssignmentView;
import org.civstart.signal.rest.Views.MatchView;
import org.civstart.signal.rest.Views.SignalRead;
import org.civstart.signal.rest.Views.SignalView;
import org.civstart.signal.signal.SignalCommands.Assign;
import org.civstart.signal.signal.SignalCommands.BatchAssign;
import org.civstart.signal.signal.SignalCommands.NewSignal;
import org.civstart.signal.signal.SignalCommands.SignalChanges;
import org.civstart.signal.signal.SignalCommands.SignalFilter;
import org.civstart.signal.signal.SignalCommands.Transition;
import org.civstart.signal.signal.SignalService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/signals")
@Tag(name = "signals")
public class SignalResource {

    @Inject
    SignalService signals;

    @Inject
    AssignmentService assignments;

    @Inject
    MatchService matches;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    @Operation(summary = "List signals, newest first (startups see the pool: published signals, public fields only)")
    public Paging.Page<SignalRead> list(
            @QueryParam("status") String status,
            @QueryParam("sector") String sector,
            @QueryParam("agency") String agency,
            @QueryParam("q") String query,
            @QueryParam("page") @DefaultValue("0") int page,
            @QueryParam("size") @DefaultValue("20") int size) {
        Paging.check(page, size);
        SignalStatus wanted = Params.enumValue(SignalStatus.class, status, "status");
        if (!caller.isAdmin()) {
            if (wanted != null && wanted != SignalStatus.PUBLISHED) {
                throw new ForbiddenException("startups see published signals only");
            }
            wanted = SignalStatus.PUBLISHED;
        }
        boolean admin = caller.isAdmin();
        return Views.page(
                signals.list(new SignalFilter(wanted, sector, agency, query), page, size),
                s -> SignalRead.of(s, admin));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    @Operation(
            summary = "One signal (a startup sees the public fields of published signals and of those assigned to it)")
    public SignalRead get(@PathParam("id") UUID id) {
        Signal s = signals.get(id);
        if (!caller.isAdmin()
                && s.status != SignalStatus.PUBLISHED
                && !assignments.isAssigned(id, caller.ownStartupId())) {
            throw new ForbiddenException("signal " + s.signalIdentifier + " is not visible to this startup");
        }
        return SignalRead.of(s, caller.isAdmin());
    }

    @Idempotent
    @POST
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Create a signal (draft or pending_review): signal.created")
    public RestResponse<SignalView> create(NewSignal body) {
        Signal s = signals.create(body);
        return Views.created("/api/signals/" + s.id, SignalView.of(s));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed(Caller.ADMIN)
    @Operation(
            summary =
                    "Change fields (null stays, \"\" clears; send version to detect concurrent edits): signal.updated")
    public SignalView update(@PathParam("id") UUID id, SignalChanges body) {
        return SignalView.of(signals.update(id, body));
    }

    @Idempotent
    @POST
    @Path("/{id}/transitions")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Move through the state machine; to assigned with startupIds assigns them")
    public SignalView transition(@PathParam("id") UUID id, Transition body) {
        signals.transition(id, body);
        return SignalView.of(signals.get(id));
    }

    @POST
    @Path("/{id}/publish")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Publish to the pool: signal.published (to every startup)")
    public SignalView publish(@PathParam("id") UUID id, @QueryParam("version") Long version) {
        return transition(id, new Transition(SignalStatus.PUBLISHED, null, null, version));
    }

    @POST
    @Path("/{id}/remove")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Remove from the pool: signal.removed (to every startup)")
    public SignalView remove(@PathParam("id") UUID id, @QueryParam("version") Long version) {
        return transition(id, new Transition(SignalStatus.REMOVED, null, null, version));
    }

    @Idempotent
    @POST
    @Path("/{id}/assignments")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Assign to startups: per startup signal.assigned + assignment.created")
    public RestResponse<List<AssignmentView>> assign(@PathParam("id") UUID id, Assign body) {
        if (body == null) {
            throw new InvalidInputException("startupIds", "must not be empty");
        }
        List<Assignment> made = assignments.assign(id, body.startupIds(), AssignmentType.DIRECT, body.dueDate());
        return RestResponse.status(RestResponse.Status.CREATED, Views.assignments(made));
    }

    @Idempotent
    @POST
    @Path("/batch-assignments")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Assign many signals to many startups, all or nothing")
    public RestResponse<List<AssignmentView>> assignBatch(BatchAssign body) {
        return RestResponse.status(RestResponse.Status.CREATED, Views.assignments(assignments.assignBatch(body)));
    }

    @GET
    @Path("/{id}/matches")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "The stored matches of the last matcher run, best first")
    public List<MatchView> matches(@PathParam("id") UUID id) {
        return Views.matches(matches.stored(id));
    }

    @POST
    @Path("/{id}/matches")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Run the matcher again: stores the top N, signal.match-generated")
    public List<MatchView> regenerateMatches(@PathParam("id") UUID id) {
        return Views.matches(matches.generate(id));
    }
}
