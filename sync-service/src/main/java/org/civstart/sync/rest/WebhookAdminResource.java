package org.civstart.sync.rest;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.civstart.rest.Idempotent;
import org.civstart.sync.rest.Views.WebhookView;
import org.civstart.sync.webhook.Webhooks;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Staff manage the Airtable webhooks here (role admin). */
@Path("/admin/airtable/webhooks")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookAdminResource {

    /** Airtable ids: {@code app} / {@code tbl} followed by 14 letters or digits. */
    public record RegisterWebhook(
            @NotNull @Pattern(regexp = Ids.BASE, message = Ids.NOT_A_BASE)
            String baseId,

            @Pattern(regexp = Ids.TABLE, message = Ids.NOT_A_TABLE)
            String tableId) {}

    @Inject
    Webhooks webhooks;

    @Idempotent
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register an Airtable webhook for a base (one table, or every table when tableId is absent)")
    public Response register(@Valid @NotNull RegisterWebhook request) {
        WebhookView view = WebhookView.of(webhooks.register(request.baseId(), request.tableId()));
        return Response.created(URI.create("/admin/airtable/webhooks/" + view.id()))
                .entity(view)
                .build();
    }

    @GET
    @Operation(summary = "Every webhook with its cursor, expiry and status (active, failed, expired)")
    public List<WebhookView> list() {
        return webhooks.list().stream().map(WebhookView::of).toList();
    }

    @GET
    @Path("/{id}")
    public WebhookView get(@PathParam("id") String id) {
        return WebhookView.of(webhooks.get(id));
    }

    @POST
    @Path("/{id}/refresh")
    @Operation(summary = "Refresh now (the scheduler refreshes webhooks before they expire)")
    public WebhookView refresh(@PathParam("id") String id) {
        return WebhookView.of(webhooks.refresh(id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Delete the webhook at Airtable and here")
    public Response delete(@PathParam("id") String id) {
        webhooks.delete(id);
        return Response.noContent().build();
    }
}
