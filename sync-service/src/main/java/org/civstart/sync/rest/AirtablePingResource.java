package org.civstart.sync.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.civstart.rest.ApiError;
import org.civstart.sync.webhook.PayloadProcessor;
import org.civstart.sync.webhook.PingReceiver;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Airtable's notification endpoint (the {@code notificationUrl} of our webhooks). Authenticated by
 * {@code X-Airtable-Content-MAC}, not by a bearer token. The ping is verified and stored, answered
 * with an empty 204, and its payloads are read and applied afterwards by {@link PayloadProcessor}.
 */
@Path("/webhooks/airtable")
@PermitAll
public class AirtablePingResource {

    @Inject
    PingReceiver receiver;

    @Inject
    PayloadProcessor processor;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Airtable webhook notification ping",
            description =
                    "Body {\"base\":{\"id\":…},\"webhook\":{\"id\":…},\"timestamp\":…}, signed with X-Airtable-Content-MAC: hmac-sha256=<hex>.")
    @APIResponse(responseCode = "204", description = "stored; payloads are fetched and applied asynchronously")
    @APIResponse(responseCode = "400", description = "not a ping")
    @APIResponse(responseCode = "401", description = "missing or wrong MAC, or an unknown webhook: nothing stored")
    @APIResponse(responseCode = "413", description = "larger than any ping")
    public Response ping(byte[] body, @HeaderParam("X-Airtable-Content-MAC") String mac) {
        PingReceiver.Received r = receiver.receive(body == null ? new byte[0] : body, mac);
        if (r.outcome() == PingReceiver.Outcome.ACCEPTED) {
            processor.request(r.webhookId());
        }
        if (r.outcome().status == 204) {
            return Response.noContent().build();
        }
        Response.Status status = Response.Status.fromStatusCode(r.outcome().status);
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(new ApiError(
                        status.getStatusCode(),
                        status.getReasonPhrase(),
                        "ping refused: " + r.outcome().wireName(),
                        null))
                .build();
    }
}
