package org.civstart.sync.airtable;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * Airtable's Web API, the parts we use (https://airtable.com/developers/web/api). Base URL and
 * timeouts: {@code quarkus.rest-client.airtable.*}. Use it through {@link AirtableApi}, which adds
 * the per-base rate limit, the pause on 429 and retries on 5xx.
 */
@RegisterRestClient(configKey = "airtable")
@ClientHeaderParam(name = "Authorization", value = "Bearer ${civstart.sync.airtable.token}")
@Path("/v0")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface AirtableClient {

    /** Create a webhook: the answer holds {@code macSecretBase64}, shown this once. */
    @POST
    @Path("/bases/{baseId}/webhooks")
    AirtableDtos.CreatedWebhook createWebhook(@PathParam("baseId") String baseId, AirtableDtos.CreateWebhook request);

    /** List webhook payloads from {@code cursor} (also extends the webhook's life by 7 days). */
    @GET
    @Path("/bases/{baseId}/webhooks/{webhookId}/payloads")
    AirtableDtos.PayloadPage payloads(
            @PathParam("baseId") String baseId,
            @PathParam("webhookId") String webhookId,
            @QueryParam("cursor") long cursor,
            @QueryParam("limit") int limit);

    /** Refresh a webhook: it expires 7 days from now. */
    @POST
    @Path("/bases/{baseId}/webhooks/{webhookId}/refresh")
    AirtableDtos.RefreshedWebhook refresh(@PathParam("baseId") String baseId, @PathParam("webhookId") String webhookId);

    /** Delete a webhook. */
    @DELETE
    @Path("/bases/{baseId}/webhooks/{webhookId}")
    void deleteWebhook(@PathParam("baseId") String baseId, @PathParam("webhookId") String webhookId);

    /** List records, cells keyed by field id; {@code offset} is null for the first page. */
    @GET
    @Path("/{baseId}/{tableIdOrName}")
    AirtableDtos.RecordPage records(
            @PathParam("baseId") String baseId,
            @PathParam("tableIdOrName") String table,
            @QueryParam("offset") String offset,
            @QueryParam("pageSize") int pageSize,
            @QueryParam("returnFieldsByFieldId") boolean returnFieldsByFieldId);
}
