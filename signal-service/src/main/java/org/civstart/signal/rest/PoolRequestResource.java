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
import org.civstart.rest.Idempotent;
import org.civstart.signal.domain.PoolRequest;
import org.civstart.signal.domain.PoolRequestStatus;
import org.civstart.signal.poolrequest.PoolRequestService;
import org.civstart.signal.rest.Views.PoolRequestView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/pool-requests")
@Tag(name = "pool requests")
public class PoolRequestResource {

    /** {@code startupId}: only an admin names it; a startup always requests for itself. */
    public record NewPoolRequest(UUID signalId, UUID startupId, String message) {}

    public record Decision(String note, Long version) {}

    @Inject
    PoolRequestService requests;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    @Operation(summary = "Pool requests, newest first (a startup sees its own)")
    public List<PoolRequestView> list(@QueryParam("startupId") String startupId, @QueryParam("status") String status) {
        return Views.poolRequests(requests.list(
                caller.scope(Params.uuid(startupId, "startupId")),
                Params.enumValue(PoolRequestStatus.class, status, "status")));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    public PoolRequestView get(@PathParam("id") UUID id) {
        PoolRequest r = requests.get(id);
        caller.requireAccess(r.startupId);
        return Views.poolRequests(List.of(r)).get(0);
    }

    @Idempotent
    @POST
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    @Operation(
            summary =
                    "Request a published signal: pool-request.created (409: not in the pool, duplicate, too few credits)")
    public RestResponse<PoolRequestView> create(NewPoolRequest body) {
        NewPoolRequest b = body == null ? new NewPoolRequest(null, null, null) : body;
        PoolRequest r = requests.create(b.signalId(), caller.actingFor(b.startupId()), b.message());
        return Views.created(
                "/api/pool-requests/" + r.id, Views.poolRequests(List.of(r)).get(0));
    }

    @Idempotent
    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Caller.ADMIN)
    @Operation(
            summary =
                    "Approve: pool assignment + credit deduction atomically (409: insufficient credits, already decided)")
    public PoolRequestView approve(@PathParam("id") UUID id, Decision body) {
        Decision d = body == null ? new Decision(null, null) : body;
        return Views.poolRequests(List.of(requests.approve(id, d.note(), d.version())))
                .get(0);
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Reject: pool-request.rejected")
    public PoolRequestView reject(@PathParam("id") UUID id, Decision body) {
        Decision d = body == null ? new Decision(null, null) : body;
        return Views.poolRequests(List.of(requests.reject(id, d.note(), d.version())))
                .get(0);
    }
}
