package org.civstart.signal.rest;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.civstart.rest.Caller;
import org.civstart.rest.Idempotent;
import org.civstart.signal.connection.ConnectionService;
import org.civstart.signal.connection.ConnectionService.ConnectionChanges;
import org.civstart.signal.connection.ConnectionService.NewConnection;
import org.civstart.signal.domain.ConnectionRequest;
import org.civstart.signal.domain.ConnectionStatus;
import org.civstart.signal.domain.TargetType;
import org.civstart.signal.rest.Views.ConnectionView;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

@Path("/api/connections")
@Tag(name = "connections")
public class ConnectionResource {

    /** {@code startupId}: only an admin names it; a startup always asks for itself. */
    public record NewConnectionBody(
            UUID startupId, TargetType targetType, String targetId, String targetName, String note) {}

    public record StatusChange(ConnectionStatus status, String note, Long version) {}

    @Inject
    ConnectionService connections;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    public List<ConnectionView> list(@QueryParam("startupId") String startupId, @QueryParam("status") String status) {
        return Views.connections(connections.list(
                caller.scope(Params.uuid(startupId, "startupId")),
                Params.enumValue(ConnectionStatus.class, status, "status")));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    public ConnectionView get(@PathParam("id") UUID id) {
        ConnectionRequest c = connections.get(id);
        caller.requireAccess(c.startupId);
        return Views.connections(List.of(c)).get(0);
    }

    @Idempotent
    @POST
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    @Operation(summary = "Ask for a connection to an organization or contact: connection.created")
    public RestResponse<ConnectionView> create(NewConnectionBody body) {
        NewConnectionBody b = body == null ? new NewConnectionBody(null, null, null, null, null) : body;
        ConnectionRequest c = connections.create(
                caller.actingFor(b.startupId()),
                new NewConnection(b.targetType(), b.targetId(), b.targetName(), b.note()));
        return Views.created(
                "/api/connections/" + c.id, Views.connections(List.of(c)).get(0));
    }

    @PATCH
    @Path("/{id}")
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    @Operation(summary = "Edit the target name or note: connection.updated")
    public ConnectionView update(@PathParam("id") UUID id, ConnectionChanges body) {
        caller.requireAccess(connections.get(id).startupId);
        return Views.connections(List.of(connections.update(id, body))).get(0);
    }

    @POST
    @Path("/{id}/status")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "pending → approved | rejected, approved → completed: connection.status-changed")
    public ConnectionView changeStatus(@PathParam("id") UUID id, StatusChange body) {
        if (body == null || body.status() == null) {
            throw Params.missing(ConnectionStatus.class, "status");
        }
        return Views.connections(List.of(connections.changeStatus(id, body.status(), body.note(), body.version())))
                .get(0);
    }
}
