package org.civstart.sync.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.civstart.rest.Idempotent;
import org.civstart.rest.NotFoundException;
import org.civstart.sync.backfill.Backfills;
import org.civstart.sync.rest.Views.BackfillView;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Full reads of a mapped table, with their progress (role admin). */
@Path("/admin/airtable/backfills")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class BackfillAdminResource {

    public record StartBackfill(
            @NotNull @Pattern(regexp = Ids.BASE, message = Ids.NOT_A_BASE)
            String baseId,

            @NotNull @Pattern(regexp = Ids.TABLE, message = Ids.NOT_A_TABLE)
            String tableId) {}

    @Inject
    Backfills backfills;

    @Idempotent
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a backfill of a mapped table; follow it at the returned location")
    public Response start(@Valid @NotNull StartBackfill request) {
        BackfillView view = BackfillView.of(backfills.start(request.baseId(), request.tableId()));
        return Response.accepted(view)
                .location(URI.create("/admin/airtable/backfills/" + view.id()))
                .build();
    }

    @GET
    public List<BackfillView> list() {
        return backfills.list().stream().map(BackfillView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Progress: status, done (records applied), total (known once the last page is read)")
    public BackfillView get(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("backfill", id);
        }
        return BackfillView.of(backfills.get(uuid));
    }
}
