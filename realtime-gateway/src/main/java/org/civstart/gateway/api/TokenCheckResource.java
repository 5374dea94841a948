package org.civstart.gateway.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.civstart.gateway.session.Endpoint;
import org.civstart.gateway.ws.EndpointAccess;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * {@code GET /api/token-check?endpoint=admin|client}: would this bearer token be accepted at that
 * endpoint's upgrade? 204 if so; 401 (missing, invalid, expired) or 403 (wrong role, no startup) with
 * a JSON reason; 400 for an unknown endpoint. Browsers cannot read the status of a refused
 * WebSocket upgrade (they see close 1006), so a client asks here to tell "refused" from "network".
 * Same rule as the upgrade: {@link EndpointAccess}.
 */
@Path("/api/token-check")
public class TokenCheckResource {

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response check(@QueryParam("endpoint") String endpoint) {
        Endpoint target =
                "admin".equals(endpoint) ? Endpoint.ADMIN : "client".equals(endpoint) ? Endpoint.CLIENT : null;
        if (target == null) {
            return ApiError.response(400, "invalid-endpoint", "query parameter endpoint must be admin or client");
        }
        EndpointAccess.Verdict verdict = EndpointAccess.check(target, identity);
        return verdict.accepted()
                ? Response.noContent().build()
                : ApiError.response(verdict.status(), verdict.error(), verdict.message());
    }
}
