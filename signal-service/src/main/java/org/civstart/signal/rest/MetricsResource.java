package org.civstart.signal.rest;

import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.civstart.rest.Caller;
import org.civstart.signal.metrics.DashboardMetrics;
import org.civstart.signal.startup.StartupService;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/metrics")
@Tag(name = "dashboard metrics")
public class MetricsResource {

    /** The same shape as the metrics.updated payload. */
    public record MetricsView(String scope, UUID startupId, Map<String, Long> counters) {}

    @Inject
    DashboardMetrics metrics;

    @Inject
    StartupService startups;

    @Inject
    Caller caller;

    @GET
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    @Operation(summary = "Admins: the platform counters; a startup: its own dashboard counters")
    public MetricsView mine() {
        if (caller.isAdmin()) {
            return new MetricsView("platform", null, metrics.platform());
        }
        return startup(caller.ownStartupId());
    }

    @GET
    @Path("/startups/{id}")
    @RolesAllowed({Caller.ADMIN, Caller.STARTUP})
    @Operation(summary = "One startup's dashboard counters")
    public MetricsView startup(@PathParam("id") UUID id) {
        caller.requireAccess(id);
        startups.get(id);
        return new MetricsView("startup", id, metrics.startup(id));
    }
}
