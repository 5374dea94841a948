package org.civstart.gateway.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.civstart.gateway.session.Endpoint;
import org.civstart.gateway.ws.EndpointAccess;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * {@code GET /api/stats}: this replica's WebSocket health for the console, for whoever may open
 * {@code /admin} ({@link EndpointAccess}): 401 without a valid token, 403 for any other token.
 */
@Path("/api/stats")
public class StatsResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    StatsWindow stats;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response stats() {
        EndpointAccess.Verdict verdict = EndpointAccess.check(Endpoint.ADMIN, identity);
        if (!verdict.accepted()) {
            return ApiError.response(
                    verdict.status(), verdict.error(), "/api/stats is for admins: " + verdict.message());
        }
        return Response.ok(stats.snapshot()).build();
    }
}
