package org.civstart.signal.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.civstart.events.payload.AnalyticsData;
import org.civstart.rest.Caller;
import org.civstart.signal.metrics.Analytics;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The /analytics page's first load; afterwards {@code analytics:updated} brings the same shape live. */
@Path("/api/analytics")
@Tag(name = "dashboard metrics")
public class AnalyticsResource {

    @Inject
    Analytics analytics;

    @GET
    @RolesAllowed(Caller.ADMIN)
    @Operation(
            summary = "Assignments' view, response and interest rates, connections and pool requests by status,"
                    + " credits spent by tier, over the last 7 and 30 days (the analytics.updated payload)")
    public AnalyticsData get() {
        return analytics.compute();
    }
}
