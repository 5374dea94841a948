package org.civstart.notification.channel;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * A push provider's HTTP API: {@code POST <url>/push {"token": "…", "title": "…", "body": "…"}}
 * with {@code Authorization: Bearer <api key>}; any 2xx is accepted. URL and timeouts:
 * {@code quarkus.rest-client.push.*}; key: {@code civstart.notification.push.api-key}.
 */
@RegisterRestClient(configKey = "push")
@Path("/push")
public interface PushProvider {

    record PushRequest(String token, String title, String body) {}

    @POST
    @ClientHeaderParam(name = "Authorization", value = "Bearer ${civstart.notification.push.api-key}")
    void send(PushRequest request);
}
